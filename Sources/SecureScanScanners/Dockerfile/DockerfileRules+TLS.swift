import SecureScanCore

extension DockerfileRules {
    /// Certificate validation switched off in build steps.
    static let tlsVerification: [DockerfileRule] = [
        DockerfileRule(
            id: "curl-insecure", title: "curl skips certificate validation", severity: .high,
            description: "`curl -k`/`--insecure` accepts any certificate, so whatever is downloaded can be swapped by anyone on the path.",
            remediation: "Remove `-k`; if a private CA is involved, add its certificate to the trust store or pass `--cacert`.",
            equivalents: ["checkov": "CKV2_DOCKER_2"], cwes: ["CWE-295"],
            check: runCommand { isProgram($0, ["curl"]) && ($0.hasOption("--insecure") || $0.hasShortFlag("k")) }),
        DockerfileRule(
            id: "wget-insecure", title: "wget skips certificate validation", severity: .high,
            description: "`wget --no-check-certificate` accepts any certificate for the download.",
            remediation: "Remove `--no-check-certificate`; trust the right CA instead.",
            equivalents: ["checkov": "CKV2_DOCKER_3"], cwes: ["CWE-295"],
            check: runCommand { isProgram($0, ["wget"]) && $0.hasOption("--no-check-certificate") }),
        DockerfileRule(
            id: "pip-trusted-host", title: "pip --trusted-host", severity: .high,
            description: "`--trusted-host` makes pip accept the host over plain HTTP or with an invalid certificate.",
            remediation: "Serve the index over valid HTTPS and drop `--trusted-host`.",
            equivalents: ["checkov": "CKV2_DOCKER_4"], cwes: ["CWE-295"],
            check: runCommand { command in
                DockerfileRules.pipArguments(command)?.contains(where: { $0 == "--trusted-host" || $0.hasPrefix("--trusted-host=") }) ?? false
            }),
        DockerfileRule(
            id: "npm-strict-ssl-off", title: "npm or yarn strict-ssl disabled", severity: .high,
            description: "`npm config set strict-ssl false` makes npm or yarn accept any certificate from the registry.",
            remediation: "Keep strict-ssl on; configure `cafile` for a private CA.",
            equivalents: ["checkov": "CKV2_DOCKER_13"], cwes: ["CWE-295"],
            check: runCommand { command in
                guard isProgram(command, ["npm", "yarn"]) else { return false }
                var words = operands(command)[...]
                if words.first == "config" || words.first == "c" { words = words.dropFirst() }
                guard words.first == "set" else { return false }
                words = words.dropFirst()
                guard let key = words.first else { return false }
                if key.lowercased().hasPrefix("strict-ssl=") { return key.dropFirst("strict-ssl=".count).lowercased() == "false" }
                return key.lowercased() == "strict-ssl" && words.dropFirst().first?.lowercased() == "false"
            }),
        DockerfileRule(
            id: "yum-sslverify-off", title: "yum/dnf repository SSL verification disabled", severity: .high,
            description: "`config-manager --setopt=…sslverify=0` turns off certificate checks for the repositories.",
            remediation: "Keep `sslverify=1`; add the repository's CA certificate if needed.",
            equivalents: ["checkov": "CKV2_DOCKER_15"], cwes: ["CWE-295"],
            check: runCommand { command in
                let isConfigManager = isProgram(command, ["yum-config-manager", "dnf-config-manager"])
                    || (isProgram(command, ["yum", "dnf"]) && operands(command).first == "config-manager")
                guard isConfigManager else { return false }
                let arguments = Array(command.arguments)
                return arguments.enumerated().contains { index, argument in
                    let setting: String
                    if argument.hasPrefix("--setopt=") {
                        setting = String(argument.dropFirst("--setopt=".count))
                    } else if argument == "--setopt", index + 1 < arguments.count {
                        setting = arguments[index + 1]
                    } else {
                        return false
                    }
                    let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { return false }
                    let key = parts[0].lowercased(), value = parts[1].lowercased()
                    return (key == "sslverify" || key.hasSuffix(".sslverify")) && ["0", "false", "no"].contains(value)
                }
            }),
    ]
}
