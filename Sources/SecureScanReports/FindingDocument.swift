import SecureScanCore

/// The JSON shapes shared by `findings.json` and `diff.json`: one finding (snake_case, absent fields
/// omitted), one scanner run, and the run header. Keys are written in sorted order.
enum FindingDocument {
    static func write(_ finding: Finding, to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.field("aliases", finding.aliases)
        json.field("change", finding.change?.rawValue)
        json.field("cwes", finding.cwes)
        json.field("description", finding.description)
        json.field("evidence", finding.evidence)
        json.field("fingerprint", finding.fingerprint.rawValue)
        if let location = finding.location {
            json.key("location")
            json.beginObject()
            json.field("end_column", location.endColumn)
            json.field("end_line", location.endLine)
            json.field("path", location.path)
            json.field("start_column", location.startColumn)
            json.field("start_line", location.startLine)
            json.endObject()
        }
        json.field("original_severity", finding.originalSeverity?.rawValue)
        json.key("properties")
        json.stringMap(finding.properties)
        json.field("references", finding.references)
        json.field("remediation", finding.remediation)
        json.field("reported_by", finding.reportedBy)
        json.field("rule_id", finding.ruleID)
        json.field("scan_type", finding.scanType.rawValue)
        json.field("scanner", finding.scanner)
        json.field("severity", finding.severity.rawValue)
        if let suppression = finding.suppression {
            json.key("suppression")
            json.beginObject()
            json.field("expires", suppression.expires)
            json.field("reason", suppression.reason)
            json.field("source", suppression.source.rawValue)
            json.endObject()
        }
        json.field("title", finding.title)
        json.endObject()
    }

    static func write(_ findings: [Finding], to json: inout PrettyJSONWriter) {
        json.beginArray()
        for finding in findings { write(finding, to: &json) }
        json.endArray()
    }

    /// One scanner run.
    static func write(_ run: ScannerRun, to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.field("error", run.error)
        json.field("finding_count", run.findingCount)
        json.field("id", run.scanner)
        json.field("install_hint", run.installHint)
        json.field("notes", run.notes)
        json.field("reason", run.reason)
        json.field("skipped_entries", run.skippedEntries)
        json.field("status", run.status.rawValue)
        json.field("type", run.scanType.rawValue)
        json.field("version", run.version)
        json.endObject()
    }

    /// The run header.
    static func writeRun(_ report: RunReport, to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.field("base_run_id", report.baseRunID)
        json.field("branch", report.target.branch)
        json.field("commit", report.target.commit)
        json.field("config_sha256", report.configDigest)
        json.field("finished_at", report.finishedAt)
        json.field("id", report.runID)
        json.field("notes", report.notes)
        json.field("started_at", report.startedAt)
        json.field("target", report.target.name)
        json.endObject()
    }
}
