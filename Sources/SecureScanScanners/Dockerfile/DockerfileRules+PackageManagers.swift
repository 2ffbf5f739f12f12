import SecureScanCore

extension DockerfileRules {
    static let aptGet: Set<String> = ["apt-get"]
    static let apt: Set<String> = ["apt", "apt-get"]
    static let yumFamily: Set<String> = ["yum", "dnf", "tdnf", "microdnf"]
    static let pip: Set<String> = ["pip", "pip3", "pip2"]

    /// Package manager use: signatures, caches and layering.
    static let packageManagers: [DockerfileRule] = [
        DockerfileRule(
            id: "apt-instead-of-apt-get", title: "apt used instead of apt-get", severity: .low,
            description: "`apt` is meant for interactive use and has no stable command-line interface for scripts.",
            remediation: "Use `apt-get` (or `apt-cache`) in Dockerfiles.",
            equivalents: ["checkov": "CKV_DOCKER_9", "hadolint": "DL3027"], cwes: [],
            check: runCommand { isProgram($0, ["apt"]) }),
        DockerfileRule(
            id: "update-without-install", title: "Package index updated without installing in the same RUN",
            severity: .medium,
            description: "An update of the package index in its own step is cached as a layer, so later installs can use a stale index and miss security fixes.",
            remediation: "Update and install in one `RUN`: `apt-get update && apt-get install -y …`.",
            equivalents: ["checkov": "CKV_DOCKER_5", "hadolint": "DL3009"], cwes: [],
            check: { model in
                model.runs.compactMap { run in
                    let commands = run.commands.map(\.unwrapped)
                    guard let last = commands.lastIndex(where: DockerfileRules.isIndexUpdate) else { return nil }
                    if commands[(last + 1)...].contains(where: DockerfileRules.isInstall) { return nil }
                    return DockerfileHit(
                        instruction: run.instruction,
                        resource: "\(model.stageKey(run.instruction.stage))/RUN/\(CodeText.normalize(commands[last].text))",
                        evidence: commands[last].text)
                }
            }),
        DockerfileRule(
            id: "apk-allow-untrusted", title: "apk installs unsigned packages", severity: .high,
            description: "`apk --allow-untrusted` installs packages whose signatures are missing or invalid.",
            remediation: "Remove `--allow-untrusted` and add the repository's signing key instead.",
            equivalents: ["checkov": "CKV2_DOCKER_7"], cwes: ["CWE-347"],
            check: runCommand { isProgram($0, ["apk"]) && $0.hasOption("--allow-untrusted") }),
        DockerfileRule(
            id: "apt-allow-unauthenticated", title: "apt-get installs unauthenticated packages", severity: .high,
            description: "`--allow-unauthenticated` lets apt install packages that fail signature verification.",
            remediation: "Remove the option and import the repository's signing key.",
            equivalents: ["checkov": "CKV2_DOCKER_8"], cwes: ["CWE-347"],
            check: runCommand { isProgram($0, apt) && $0.hasOption("--allow-unauthenticated") }),
        DockerfileRule(
            id: "apt-force-yes", title: "apt-get --force-yes", severity: .high,
            description: "`--force-yes` disables signature checks and allows downgrades, leaving the system in an unknown state.",
            remediation: "Use `-y` and fix whatever conflict `--force-yes` was papering over.",
            equivalents: ["checkov": "CKV2_DOCKER_11"], cwes: ["CWE-347"],
            check: runCommand { isProgram($0, apt) && $0.hasOption("--force-yes") }),
        DockerfileRule(
            id: "rpm-no-signature", title: "rpm skips signature or digest checks", severity: .high,
            description: "`rpm --nodigest/--nosignature/--noverify/--nofiledigest` installs packages without verifying them.",
            remediation: "Remove the options and import the vendor's GPG key (`rpm --import`).",
            equivalents: ["checkov": "CKV2_DOCKER_10"], cwes: ["CWE-347"],
            check: runCommand { command in
                isProgram(command, ["rpm"])
                    && ["--nodigest", "--nosignature", "--noverify", "--nofiledigest"].contains(where: command.hasOption)
            }),
        DockerfileRule(
            id: "yum-nogpgcheck", title: "yum/dnf skips GPG checks", severity: .high,
            description: "`--nogpgcheck` installs packages without checking their signatures.",
            remediation: "Remove `--nogpgcheck` and import the repository key.",
            equivalents: ["checkov": "CKV2_DOCKER_9"], cwes: ["CWE-347"],
            check: runCommand { isProgram($0, yumFamily) && $0.hasOption("--nogpgcheck") }),
        DockerfileRule(
            id: "apt-no-install-recommends", title: "apt-get install without --no-install-recommends", severity: .low,
            description: "Recommended packages are installed too, enlarging the image and its attack surface.",
            remediation: "Add `--no-install-recommends` to `apt-get install`.",
            equivalents: ["hadolint": "DL3015"], cwes: [],
            check: runCommand { command in
                isProgram(command, aptGet) && operands(command).first == "install"
                    && !command.hasOption("--no-install-recommends")
                    && !command.arguments.contains(where: { $0.contains("Install-Recommends=") })
            }),
        DockerfileRule(
            id: "apk-no-cache", title: "apk add without --no-cache", severity: .low,
            description: "The package index is left in the image.",
            remediation: "Use `apk add --no-cache …`.",
            equivalents: ["hadolint": "DL3019"], cwes: [],
            check: runCommand { command in
                isProgram(command, ["apk"]) && operands(command).first == "add" && !command.hasOption("--no-cache")
            }),
        DockerfileRule(
            id: "pip-no-cache-dir", title: "pip install without --no-cache-dir", severity: .info,
            description: "pip's download cache is left in the image.",
            remediation: "Use `pip install --no-cache-dir …` or set `PIP_NO_CACHE_DIR=1`.",
            equivalents: ["hadolint": "DL3042"], cwes: [],
            check: { model in
                let cacheDisabled = model.instructions.contains { instruction in
                    instruction.keyword == "ENV" && DockerfileModel.variables(of: instruction).contains { $0.name == "PIP_NO_CACHE_DIR" }
                }
                if cacheDisabled { return [] }
                return runCommand { command in
                    DockerfileRules.pipArguments(command).map { $0.first(where: { !$0.hasPrefix("-") }) == "install" && !$0.contains("--no-cache-dir") } ?? false
                }(model)
            }),
    ]

    /// A package-index refresh: `apt-get update`, `apt update`, `apk update`, `yum/dnf makecache`, `zypper refresh`.
    static func isIndexUpdate(_ command: ShellCommand) -> Bool {
        let first = operands(command).first
        if isProgram(command, apt) || isProgram(command, ["apk"]) { return first == "update" }
        if isProgram(command, yumFamily) { return first == "makecache" }
        if isProgram(command, ["zypper"]) { return first == "refresh" || first == "ref" }
        return false
    }

    /// A package installation or upgrade, which consumes a refreshed index.
    static func isInstall(_ command: ShellCommand) -> Bool {
        let first = operands(command).first ?? ""
        if isProgram(command, apt) { return ["install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep"].contains(first) }
        if isProgram(command, ["apk"]) { return ["add", "upgrade", "fix"].contains(first) }
        if isProgram(command, yumFamily) { return ["install", "upgrade", "update", "reinstall", "groupinstall"].contains(first) }
        if isProgram(command, ["zypper"]) { return ["install", "in", "update", "up", "dist-upgrade", "dup"].contains(first) }
        return false
    }

    /// The arguments pip receives, for `pip …`, `pip3 …` and `python -m pip …`.
    static func pipArguments(_ command: ShellCommand) -> [String]? {
        guard let program = command.program else { return nil }
        if pip.contains(program) || program.hasPrefix("pip3.") { return Array(command.arguments) }
        if program.hasPrefix("python") {
            let arguments = Array(command.arguments)
            if let module = arguments.firstIndex(of: "-m"), module + 1 < arguments.count, arguments[module + 1] == "pip" {
                return Array(arguments[(module + 2)...])
            }
        }
        return nil
    }
}
