import SecureScanCore

/// One Dockerfile check: what it reports and the function that finds it.
struct DockerfileRule: Sendable {
    /// Kebab-case; findings carry `dockerfile/<id>`.
    let id: String
    let title: String
    let severity: Severity
    let description: String
    let remediation: String
    /// The same check's id in other tools (`checkov`, `hadolint`), for cross-reference.
    let equivalents: [String: String]
    let cwes: [String]
    let check: @Sendable (DockerfileModel) -> [DockerfileHit]

    var findingRuleID: String { "dockerfile/" + id }
}

/// Where a rule fired: the instruction (none for file-level checks), a stable resource key, and what to show.
struct DockerfileHit: Sendable {
    var instruction: DockerInstruction?
    /// Identity of the flagged thing within the file: stage and instruction, never a line number.
    var resource: String
    var evidence: String
    var detail: String?
}
