import SecureScanCore

extension DockerfileRules {
    /// Environment variables that weaken TLS, and secrets baked into the image.
    static let environment: [DockerfileRule] = [
        DockerfileRule(
            id: "env-git-ssl-no-verify", title: "GIT_SSL_NO_VERIFY set", severity: .high,
            description: "Setting `GIT_SSL_NO_VERIFY` to any value makes git skip certificate validation.",
            remediation: "Do not set `GIT_SSL_NO_VERIFY`; configure `http.sslCAInfo` for a private CA.",
            equivalents: ["checkov": "CKV2_DOCKER_14"], cwes: ["CWE-295"],
            check: variable(["GIT_SSL_NO_VERIFY"]) { _ in true }),
        DockerfileRule(
            id: "env-node-tls-reject-unauthorized", title: "NODE_TLS_REJECT_UNAUTHORIZED=0", severity: .high,
            description: "Node.js accepts any TLS certificate when this variable is 0.",
            remediation: "Remove the variable; use `NODE_EXTRA_CA_CERTS` for a private CA.",
            equivalents: ["checkov": "CKV2_DOCKER_6"], cwes: ["CWE-295"],
            check: variable(["NODE_TLS_REJECT_UNAUTHORIZED"]) { $0 == "0" }),
        DockerfileRule(
            id: "env-npm-strict-ssl-off", title: "NPM_CONFIG_STRICT_SSL=false", severity: .high,
            description: "npm accepts any registry certificate when strict-ssl is false.",
            remediation: "Remove the variable; set `NPM_CONFIG_CAFILE` for a private CA.",
            equivalents: ["checkov": "CKV2_DOCKER_12"], cwes: ["CWE-295"],
            check: variable(["NPM_CONFIG_STRICT_SSL", "npm_config_strict_ssl"]) { $0 == "false" }),
        DockerfileRule(
            id: "env-python-https-verify-off", title: "PYTHONHTTPSVERIFY=0", severity: .high,
            description: "Python's standard library skips certificate validation when this variable is 0.",
            remediation: "Remove the variable and trust the right CA.",
            equivalents: ["checkov": "CKV2_DOCKER_5"], cwes: ["CWE-295"],
            check: variable(["PYTHONHTTPSVERIFY"]) { $0 == "0" }),
        DockerfileRule(
            id: "env-pip-trusted-host", title: "PIP_TRUSTED_HOST set", severity: .high,
            description: "pip accepts the listed hosts over HTTP or with invalid certificates.",
            remediation: "Remove `PIP_TRUSTED_HOST` and use a properly served HTTPS index.",
            equivalents: ["checkov": "CKV2_DOCKER_16"], cwes: ["CWE-295"],
            check: variable(["PIP_TRUSTED_HOST"]) { _ in true }),
        DockerfileRule(
            id: "secret-in-env", title: "Secret in ENV or ARG", severity: .high,
            description: "A credential set with `ENV` or an `ARG` default is stored in the image configuration and history, readable by anyone who can pull the image.",
            remediation: "Pass secrets at build time with `RUN --mount=type=secret`, and at run time through the orchestrator.",
            equivalents: ["securescan-py": "DL007"], cwes: ["CWE-798", "CWE-538"],
            check: { model in
                model.instructions.filter { $0.keyword == "ENV" || $0.keyword == "ARG" }.flatMap { instruction in
                    DockerfileModel.variables(of: instruction).compactMap { pair -> DockerfileHit? in
                        guard let value = pair.value, DockerfileRules.isSecretName(pair.name), DockerfileRules.isLiteralSecret(value) else {
                            return nil
                        }
                        return DockerfileHit(
                            instruction: instruction, resource: "\(model.stageKey(instruction.stage))/\(instruction.keyword)/\(pair.name)",
                            evidence: "\(instruction.keyword) \(pair.name)=\(Redaction.redact(value))",
                            detail: "\(pair.name) is set to a literal value (\(Redaction.redact(value)))")
                    }
                }
            }),
    ]

    /// Names that hold credentials, but not names that only point at them (`…_FILE`, `…_PATH`, `…_URL`).
    static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        let secretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL", "AUTH_KEY"]
        guard secretWords.contains(where: upper.contains) else { return false }
        let pointers = ["_FILE", "_PATH", "_DIR", "_URL", "_URI", "_NAME", "_ID", "_LENGTH", "_TYPE", "_HEADER", "_ENDPOINT"]
        return !pointers.contains(where: upper.hasSuffix)
    }

    /// A non-empty value that is not a reference to another variable or an obvious stand-in.
    static func isLiteralSecret(_ value: String) -> Bool {
        let trimmed = value.trimmingWhitespace()
        guard trimmed.count >= 4, !trimmed.hasPrefix("$") else { return false }
        let lowered = trimmed.lowercased()
        return !["changeme", "change_me", "secret", "password", "none", "null", "false", "true", "dummy", "example", "xxx"].contains(lowered)
            && !(trimmed.hasPrefix("<") && trimmed.hasSuffix(">"))
    }
}
