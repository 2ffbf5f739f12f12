import SecureScanCore

/// The JSON shape of one finding in `findings.json` and `diff.json` (snake_case, absent fields omitted).
struct FindingDocument: Encodable {
    let finding: Finding

    enum CodingKeys: String, CodingKey {
        case fingerprint, scanner, severity, title, description, location, cwes, aliases, remediation, references,
            evidence, properties, suppression, change
        case reportedBy = "reported_by"
        case scanType = "scan_type"
        case ruleID = "rule_id"
        case originalSeverity = "original_severity"
    }

    enum LocationKeys: String, CodingKey {
        case path
        case startLine = "start_line"
        case endLine = "end_line"
        case startColumn = "start_column"
        case endColumn = "end_column"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(finding.fingerprint, forKey: .fingerprint)
        try container.encode(finding.scanner, forKey: .scanner)
        try container.encode(finding.reportedBy, forKey: .reportedBy)
        try container.encode(finding.scanType, forKey: .scanType)
        try container.encode(finding.ruleID, forKey: .ruleID)
        try container.encode(finding.severity, forKey: .severity)
        try container.encodeIfPresent(finding.originalSeverity, forKey: .originalSeverity)
        try container.encode(finding.title, forKey: .title)
        try container.encode(finding.description, forKey: .description)
        if let location = finding.location {
            var nested = container.nestedContainer(keyedBy: LocationKeys.self, forKey: .location)
            try nested.encode(location.path, forKey: .path)
            try nested.encodeIfPresent(location.startLine, forKey: .startLine)
            try nested.encodeIfPresent(location.endLine, forKey: .endLine)
            try nested.encodeIfPresent(location.startColumn, forKey: .startColumn)
            try nested.encodeIfPresent(location.endColumn, forKey: .endColumn)
        }
        try container.encode(finding.cwes, forKey: .cwes)
        try container.encode(finding.aliases, forKey: .aliases)
        try container.encodeIfPresent(finding.remediation, forKey: .remediation)
        try container.encode(finding.references, forKey: .references)
        try container.encodeIfPresent(finding.evidence, forKey: .evidence)
        try container.encode(finding.properties, forKey: .properties)
        try container.encodeIfPresent(finding.suppression, forKey: .suppression)
        try container.encodeIfPresent(finding.change, forKey: .change)
    }
}

/// The JSON shape of one scanner run.
struct ScannerRunDocument: Encodable {
    let run: ScannerRun

    enum CodingKeys: String, CodingKey {
        case id, type, status, version, reason, error, notes
        case installHint = "install_hint"
        case findingCount = "finding_count"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run.scanner, forKey: .id)
        try container.encode(run.scanType, forKey: .type)
        try container.encode(run.status, forKey: .status)
        try container.encodeIfPresent(run.version, forKey: .version)
        try container.encodeIfPresent(run.reason, forKey: .reason)
        try container.encodeIfPresent(run.installHint, forKey: .installHint)
        try container.encodeIfPresent(run.error, forKey: .error)
        try container.encode(run.findingCount, forKey: .findingCount)
        try container.encode(run.notes, forKey: .notes)
    }
}

/// The run header shared by the JSON artifacts.
struct RunDocument: Encodable {
    let report: RunReport

    enum CodingKeys: String, CodingKey {
        case id, target, commit, branch
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case baseRunID = "base_run_id"
        case configDigest = "config_sha256"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report.runID, forKey: .id)
        try container.encode(report.target.name, forKey: .target)
        try container.encodeIfPresent(report.target.commit, forKey: .commit)
        try container.encodeIfPresent(report.target.branch, forKey: .branch)
        try container.encode(report.startedAt, forKey: .startedAt)
        try container.encode(report.finishedAt, forKey: .finishedAt)
        try container.encodeIfPresent(report.baseRunID, forKey: .baseRunID)
        try container.encode(report.configDigest, forKey: .configDigest)
    }
}
