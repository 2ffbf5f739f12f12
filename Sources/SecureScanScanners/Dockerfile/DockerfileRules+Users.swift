import SecureScanCore

extension DockerfileRules {
    /// Which user the container runs as, and health reporting.
    static let users: [DockerfileRule] = [
        DockerfileRule(
            id: "no-user", title: "Container runs as root (no USER)", severity: .medium,
            description: "The final stage never switches user, so the container's processes run as root unless the base image says otherwise.",
            remediation: "Create an unprivileged user and switch to it with `USER` in the final stage.",
            equivalents: ["checkov": "CKV_DOCKER_3"], cwes: ["CWE-250"],
            check: { model in
                guard !model.instructions.isEmpty,
                      !model.instructions.contains(where: { $0.keyword == "USER" && $0.stage == model.finalStage }) else { return [] }
                return [DockerfileHit(instruction: nil, resource: "\(model.stageKey(model.finalStage))/USER",
                                      evidence: model.instructions.last(where: { $0.keyword == "FROM" })?.firstLine ?? "")]
            }),
        DockerfileRule(
            id: "root-user", title: "Final USER is root", severity: .high,
            description: "The last `USER` of the final stage is root, so the container runs with full privileges inside its namespace.",
            remediation: "Switch to an unprivileged user after the steps that need root.",
            equivalents: ["checkov": "CKV_DOCKER_8", "hadolint": "DL3002"], cwes: ["CWE-250"],
            check: { model in
                guard let last = model.instructions.last(where: { $0.keyword == "USER" && $0.stage == model.finalStage }) else { return [] }
                let user = (ShellWords.split(last.arguments).first ?? "").split(separator: ":").first.map(String.init) ?? ""
                return user == "root" || user == "0"
                    ? [DockerfileHit(instruction: last, resource: "\(model.stageKey(model.finalStage))/USER/root", evidence: last.firstLine)]
                    : []
            }),
        DockerfileRule(
            id: "no-healthcheck", title: "No HEALTHCHECK", severity: .low,
            description: "Without `HEALTHCHECK` the runtime cannot tell a hung container from a healthy one.",
            remediation: "Add a `HEALTHCHECK` that probes the service (or `HEALTHCHECK NONE` to state it is deliberate).",
            equivalents: ["checkov": "CKV_DOCKER_2"], cwes: [],
            check: { model in
                guard !model.instructions.isEmpty, !model.instructions.contains(where: { $0.keyword == "HEALTHCHECK" }) else { return [] }
                return [DockerfileHit(instruction: nil, resource: "HEALTHCHECK", evidence: "")]
            }),
        DockerfileRule(
            id: "sudo", title: "sudo used in RUN", severity: .medium,
            description: "`sudo` in a build step means the image ships sudo and a sudo configuration; build steps already run as the current `USER`.",
            remediation: "Switch `USER` around the steps that need root instead of using sudo.",
            equivalents: ["checkov": "CKV2_DOCKER_1", "hadolint": "DL3004"], cwes: ["CWE-250"],
            check: runCommand(unwrap: false) { $0.program == "sudo" }),
        DockerfileRule(
            id: "chpasswd", title: "Password set with chpasswd", severity: .medium,
            description: "A password set during the build is stored in the image layers and its history.",
            remediation: "Do not set passwords in images; use key-based access or set credentials at run time.",
            equivalents: ["checkov": "CKV2_DOCKER_17"], cwes: ["CWE-798"],
            check: runCommand { $0.program == "chpasswd" }),
    ]
}
