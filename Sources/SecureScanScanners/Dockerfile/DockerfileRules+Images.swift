import SecureScanCore

extension DockerfileRules {
    /// Base images and stages.
    static let images: [DockerfileRule] = [
        DockerfileRule(
            id: "latest-tag", title: "Base image without a pinned version", severity: .medium,
            description: "The base image is referenced by the mutable `latest` tag or by no tag at all, so builds are not reproducible and can pick up a different, unreviewed image at any time.",
            remediation: "Pin the base image to a version tag, or better to a digest (`image:1.2.3@sha256:…`).",
            equivalents: ["checkov": "CKV_DOCKER_7", "hadolint": "DL3006/DL3007"], cwes: ["CWE-1357"],
            check: { model in
                var earlierStages = Set<String>()
                var hits: [DockerfileHit] = []
                for instruction in model.instructions where instruction.keyword == "FROM" {
                    guard let from = FromImage(instruction.arguments) else { continue }
                    defer { if let alias = from.alias { earlierStages.insert(alias.lowercased()) } }
                    let lowered = from.image.lowercased()
                    if lowered == "scratch" || earlierStages.contains(lowered) || from.image.contains("$") || from.hasDigest {
                        continue
                    }
                    guard from.tag == nil || from.tag == "latest" else { continue }
                    hits.append(DockerfileHit(
                        instruction: instruction, resource: "FROM/\(from.repository)", evidence: instruction.firstLine,
                        detail: from.tag == nil ? "\(from.image) has no tag, which means latest" : "\(from.image) uses the latest tag"))
                }
                return hits
            }),
        DockerfileRule(
            id: "duplicate-stage-name", title: "Build stage name used twice", severity: .low,
            description: "Two `FROM … AS name` stages share a name, so `COPY --from=name` and `--target name` refer to only one of them.",
            remediation: "Give every build stage a unique name.",
            equivalents: ["checkov": "CKV_DOCKER_11", "hadolint": "DL3024"], cwes: [],
            check: { model in
                var seen = Set<String>()
                var hits: [DockerfileHit] = []
                for instruction in model.instructions where instruction.keyword == "FROM" {
                    guard let alias = FromImage(instruction.arguments)?.alias?.lowercased() else { continue }
                    if !seen.insert(alias).inserted {
                        hits.append(DockerfileHit(instruction: instruction, resource: "FROM/AS/\(alias)", evidence: instruction.firstLine))
                    }
                }
                return hits
            }),
        DockerfileRule(
            id: "add-remote-url", title: "ADD downloads a remote file", severity: .medium,
            description: "`ADD` with a URL fetches content at build time without verifying it, and keeps it in a layer.",
            remediation: "Download with `curl`/`wget` in a `RUN` step and verify a checksum, or use `ADD --checksum=sha256:…`.",
            equivalents: ["checkov": "CKV_DOCKER_4", "hadolint": "DL3020"], cwes: ["CWE-494"],
            check: { model in
                model.instructions.filter { $0.keyword == "ADD" && $0.flags["checksum"] == nil }.compactMap { instruction in
                    let sources = ShellWords.split(instruction.arguments).dropLast()
                    guard let url = sources.first(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") || $0.hasPrefix("git@") }) else {
                        return nil
                    }
                    return DockerfileHit(instruction: instruction, resource: "\(model.stageKey(instruction.stage))/ADD/\(url)",
                                         evidence: instruction.firstLine)
                }
            }),
        DockerfileRule(
            id: "add-instead-of-copy", title: "ADD used to copy local files", severity: .low,
            description: "`ADD` also extracts archives and fetches URLs; for plain files that hidden behaviour is a surprise waiting to happen.",
            remediation: "Use `COPY` for local files; keep `ADD` for archives that should be extracted.",
            equivalents: ["checkov": "CKV_DOCKER_4", "hadolint": "DL3020"], cwes: [],
            check: { model in
                model.instructions.filter { $0.keyword == "ADD" }.compactMap { instruction in
                    let sources = Array(ShellWords.split(instruction.arguments).dropLast())
                    guard !sources.isEmpty else { return nil }
                    let archives = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst"]
                    let local = sources.filter { source in
                        !source.contains("://") && !source.hasPrefix("git@") && !archives.contains(where: { source.lowercased().hasSuffix($0) })
                    }
                    guard !local.isEmpty, local.count == sources.count else { return nil }
                    return DockerfileHit(instruction: instruction,
                                         resource: "\(model.stageKey(instruction.stage))/ADD/\(local.joined(separator: " "))",
                                         evidence: instruction.firstLine)
                }
            }),
        DockerfileRule(
            id: "expose-ssh", title: "SSH port exposed", severity: .medium,
            description: "The image exposes port 22: running an SSH daemon in a container widens its attack surface and usually means credentials baked into the image.",
            remediation: "Remove the SSH server and `EXPOSE 22`; use `docker exec` or `kubectl exec` for access.",
            equivalents: ["checkov": "CKV_DOCKER_1"], cwes: ["CWE-284"],
            check: { model in
                model.instructions.filter { $0.keyword == "EXPOSE" }.compactMap { instruction in
                    let exposes22 = ShellWords.split(instruction.arguments).contains { port in
                        let number = port.split(separator: "/").first.map(String.init) ?? port
                        if number == "22" { return true }
                        let bounds = number.split(separator: "-").compactMap { Int($0) }
                        return bounds.count == 2 && bounds[0] <= 22 && 22 <= bounds[1]
                    }
                    return exposes22 ? DockerfileHit(instruction: instruction, resource: "\(model.stageKey(instruction.stage))/EXPOSE/22",
                                                     evidence: instruction.firstLine) : nil
                }
            }),
        DockerfileRule(
            id: "relative-workdir", title: "WORKDIR is a relative path", severity: .low,
            description: "A relative `WORKDIR` depends on every earlier `WORKDIR`, which makes the effective directory hard to tell.",
            remediation: "Use an absolute path in `WORKDIR`.",
            equivalents: ["checkov": "CKV_DOCKER_10", "hadolint": "DL3000"], cwes: [],
            check: { model in
                model.instructions.filter { $0.keyword == "WORKDIR" }.compactMap { instruction in
                    guard let path = ShellWords.split(instruction.arguments).first else { return nil }
                    let isAbsolute = path.hasPrefix("/") || path.hasPrefix("$") || DockerfileRules.isWindowsAbsolute(path)
                    return isAbsolute ? nil : DockerfileHit(
                        instruction: instruction, resource: "\(model.stageKey(instruction.stage))/WORKDIR/\(path)",
                        evidence: instruction.firstLine)
                }
            }),
        DockerfileRule(
            id: "maintainer-deprecated", title: "Deprecated MAINTAINER instruction", severity: .info,
            description: "`MAINTAINER` is deprecated; the information belongs in a label.",
            remediation: "Replace it with `LABEL org.opencontainers.image.authors=\"…\"`.",
            equivalents: ["checkov": "CKV_DOCKER_6", "hadolint": "DL4000"], cwes: [],
            check: { model in
                model.instructions.filter { $0.keyword == "MAINTAINER" }.map {
                    DockerfileHit(instruction: $0, resource: "MAINTAINER", evidence: $0.firstLine)
                }
            }),
    ]

    static func isWindowsAbsolute(_ path: String) -> Bool {
        let characters = Array(path)
        return characters.count >= 3 && characters[0].isLetter && characters[1] == ":" && (characters[2] == "\\" || characters[2] == "/")
    }
}
