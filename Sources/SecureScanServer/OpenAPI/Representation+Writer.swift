import SecureScanCore
import SecureScanStore

/// Findings and scans written straight to bytes: the API's largest responses. Members are written in
/// alphabetical order, the order ``JSONValue/compactJSON`` uses for the smaller objects.
extension Representation {
    /// A finding; with `state`, the `state` member too (its verdict or `null`).
    static func write(_ finding: Finding, scanID: String, tags: [String], state: TriageVerdict??, into json: inout JSONWriter) {
        writeHead(finding, scanID: scanID, tags: tags, into: &json)
        if let state {
            json.key("state")
            write(state, into: &json)
        }
        writeTail(finding, into: &json)
    }

    /// A finding's members before `state`, the object left open.
    static func writeHead(_ finding: Finding, scanID: String, tags: [String], into json: inout JSONWriter) {
        let location = finding.location
        json.beginObject()
        json.key("aliases"); json.strings(finding.aliases)
        json.key("change"); json.string(finding.change?.rawValue)
        json.key("column_end"); json.integer(location?.endColumn)
        json.key("column_start"); json.integer(location?.startColumn)
        json.key("compliance_tags"); json.strings(tags)
        json.key("cwe"); json.string(finding.cwes.first)
        json.key("cwes"); json.strings(finding.cwes)
        json.key("description"); json.string(finding.description)
        json.key("evidence"); json.string(finding.evidence)
        json.key("file_path"); json.string(location?.path)
        json.key("fingerprint"); json.string(finding.fingerprint.rawValue)
        json.key("id"); json.string(finding.fingerprint.rawValue)
        json.key("line_end"); json.integer(location?.endLine)
        json.key("line_start"); json.integer(location?.startLine)
        json.key("metadata"); json.stringMap(finding.properties)
        json.key("original_severity"); json.string(finding.originalSeverity?.rawValue)
        json.key("references"); json.strings(finding.references)
        json.key("remediation"); json.string(finding.remediation)
        json.key("reported_by"); json.strings(finding.reportedBy)
        json.key("rule_id"); json.string(finding.ruleID)
        json.key("scan_id"); json.string(scanID)
        json.key("scan_type"); json.string(finding.scanType.rawValue)
        json.key("scanner"); json.string(finding.scanner)
        json.key("severity"); json.string(finding.severity.rawValue)
    }

    /// A finding's members after `state`, closing the object.
    static func writeTail(_ finding: Finding, into json: inout JSONWriter) {
        json.key("suppression")
        if let suppression = finding.suppression {
            json.beginObject()
            json.key("expires"); json.string(suppression.expires)
            json.key("justification"); json.string(suppression.justification?.rawValue)
            json.key("reason"); json.string(suppression.reason)
            json.key("source"); json.string(suppression.source.rawValue)
            json.endObject()
        } else {
            json.null()
        }
        json.key("title"); json.string(finding.title)
        json.endObject()
    }

    /// A triage verdict, or `null`.
    static func write(_ verdict: TriageVerdict?, into json: inout JSONWriter) {
        guard let verdict else { return json.null() }
        json.beginObject()
        json.key("expires"); json.string(verdict.expires)
        json.key("fingerprint"); json.string(verdict.fingerprint.rawValue)
        json.key("justification"); json.string(verdict.justification?.rawValue)
        json.key("note"); json.string(verdict.note)
        json.key("status"); json.string(verdict.status.rawValue)
        json.key("updated_at"); json.string(verdict.updatedAt)
        json.key("updated_by"); json.string(verdict.updatedBy)
        json.endObject()
    }

    /// A finding ready to list again: filter fields and its JSON around `state`.
    static func cached(_ finding: Finding, position: Int64, scanID: String, tags: [String]) -> CachedFinding {
        var head = JSONWriter(capacity: 1024)
        writeHead(finding, scanID: scanID, tags: tags, into: &head)
        var tail = JSONWriter(capacity: 256)
        tail.resumeObject()
        writeTail(finding, into: &tail)
        return CachedFinding(
            position: position, fingerprint: finding.fingerprint, severity: finding.severity, scanType: finding.scanType,
            scanner: finding.scanner, change: finding.change, suppressed: !finding.isOpen, tags: tags,
            knownExploited: finding.properties[KnownExploited.property] == "true",
            epss: finding.properties[ExploitPrediction.property].flatMap(Double.init), head: head.bytes, tail: tail.bytes)
    }

    static func write(_ counts: SeverityCounts, into json: inout JSONWriter) {
        json.beginObject()
        json.key("critical"); json.integer(counts.critical)
        json.key("high"); json.integer(counts.high)
        json.key("info"); json.integer(counts.info)
        json.key("low"); json.integer(counts.low)
        json.key("medium"); json.integer(counts.medium)
        json.key("total"); json.integer(counts.total)
        json.endObject()
    }

    /// A scan. `queuePosition` is 1 for the next to start; `site` is the artifact site's URL of the run.
    static func write(_ scan: StoredScan, scannerRuns: [ScannerRun], queuePosition: Int?, site: String?, into json: inout JSONWriter) {
        let run = scan.run
        json.beginObject()
        json.key("base_scan_id"); json.string(run?.baseRunID)
        json.key("branch"); json.string(run?.branch)
        json.key("commit"); json.string(run?.commit)
        json.key("completed_at"); json.string(scan.completedAt)
        json.key("counts")
        if let run { write(run.counts, into: &json) } else { json.null() }
        json.key("created_at"); json.string(scan.createdAt)
        json.key("diff")
        if let run {
            json.beginObject()
            json.key("fixed"); json.integer(run.diff.fixed)
            json.key("new"); json.integer(run.diff.new)
            json.key("not_reassessed"); json.integer(run.diff.notReassessed)
            json.key("reopened"); json.integer(run.diff.reopened)
            json.key("unchanged"); json.integer(run.diff.unchanged)
            json.endObject()
        } else {
            json.null()
        }
        json.key("error"); json.string(scan.error)
        json.key("findings_count"); json.integer(run?.counts.total ?? 0)
        json.key("gate")
        if let run {
            json.beginObject()
            json.key("exit_code"); json.integer(Int(run.gate.exitCode))
            json.key("passed"); json.bool(run.gate.passed)
            json.key("reasons"); json.strings(run.gate.reasons)
            json.endObject()
        } else {
            json.null()
        }
        json.key("id"); json.string(scan.id)
        json.key("origin"); json.string(scan.origin.rawValue)
        json.key("queue_position"); json.integer(queuePosition)
        json.key("requested_by"); json.string(scan.requestedBy)
        json.key("risk_score")
        if let run { json.number(run.riskScore) } else { json.null() }
        json.key("scan_types"); json.strings(scan.scanTypes.map(\.rawValue))
        json.key("scanners")
        if let scanners = scan.scanners { json.strings(scanners) } else { json.null() }
        json.key("scanners_failed")
        json.beginArray()
        for run in scannerRuns where run.isError {
            json.beginObject()
            json.key("error"); json.string(run.error ?? run.status.rawValue)
            json.key("name"); json.string(run.scanner)
            json.key("status"); json.string(run.status.rawValue)
            json.endObject()
        }
        json.endArray()
        json.key("scanners_run"); json.strings(scannerRuns.filter(\.completed).map(\.scanner).sorted())
        json.key("scanners_skipped")
        json.beginArray()
        for run in scannerRuns where run.status == .skipped {
            json.beginObject()
            json.key("install_hint"); json.string(run.installHint)
            json.key("name"); json.string(run.scanner)
            json.key("reason"); json.string(run.reason ?? "not available")
            json.endObject()
        }
        json.endArray()
        json.key("site_url"); json.string(site)
        json.key("started_at"); json.string(scan.startedAt)
        json.key("status"); json.string(scan.status.rawValue)
        json.key("summary"); json.string(run.map(summaryLine))
        json.key("suppressed"); json.integer(run?.suppressed ?? 0)
        json.key("target"); json.string(scan.target)
        json.key("target_host"); json.string(scan.targetHost)
        json.key("target_path"); json.string(scan.targetPath)
        json.key("target_url"); json.string(scan.targetURL)
        json.key("tool_version"); json.string(run?.toolVersion)
        json.endObject()
    }

    static func summaryLine(_ run: RunSummary) -> String {
        let gate = run.gate.passed ? "gate passed" : "gate failed"
        let noun = run.counts.total == 1 ? "finding" : "findings"
        return "\(run.counts.total) open \(noun) (\(run.counts.critical) critical, \(run.counts.high) high); \(gate)"
    }
}
