import Foundation

/// Findings a team has accepted, by fingerprint: kept in runs, marked suppressed (`baseline`), not counted.
///
/// Usually a file committed with the code (`securescan baseline create`), which holds for each finding its
/// fingerprint, rule, path, severity, scanner, the reason it was accepted and the date: never a secret's
/// value or a line of code. A previous run's `findings.json`, or a SARIF log with SecureScan's
/// `partialFingerprints`, can serve as a baseline too.
public struct Baseline: Sendable, Hashable {
    public static let kind = "securescan-baseline"
    public static let schemaVersion = 1

    public struct Entry: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var ruleID: String
        public var path: String?
        public var severity: Severity
        public var scanner: String
        public var reason: String
        /// `YYYY-MM-DD`: when the finding was accepted.
        public var date: String

        public init(fingerprint: String, ruleID: String, path: String?, severity: Severity, scanner: String, reason: String, date: String) {
            self.fingerprint = fingerprint
            self.ruleID = ruleID
            self.path = path
            self.severity = severity
            self.scanner = scanner
            self.reason = reason
            self.date = date
        }

        /// The entry accepting `finding`.
        public init(_ finding: Finding, reason: String, date: String) {
            self.init(fingerprint: finding.fingerprint.rawValue, ruleID: finding.ruleID, path: finding.location?.path,
                      severity: finding.originalSeverity ?? finding.severity, scanner: finding.scanner, reason: reason, date: date)
        }

        enum CodingKeys: String, CodingKey {
            case fingerprint, path, severity, scanner, reason, date
            case ruleID = "rule_id"
        }
    }

    /// The target the baseline was made for, when it says.
    public var target: String?
    /// In (path, rule, fingerprint) order, one per fingerprint.
    public private(set) var entries: [Entry]
    private var byFingerprint: [String: Int]

    public init(target: String?, entries: [Entry]) {
        var unique: [String: Entry] = [:]
        for entry in entries where unique[entry.fingerprint] == nil { unique[entry.fingerprint] = entry }
        self.target = target
        self.entries = unique.values.sorted { ($0.path ?? "", $0.ruleID, $0.fingerprint) < ($1.path ?? "", $1.ruleID, $1.fingerprint) }
        self.byFingerprint = Dictionary(uniqueKeysWithValues: self.entries.enumerated().map { ($1.fingerprint, $0) })
    }

    /// A baseline accepting every open finding of `findings`.
    public init(target: String?, accepting findings: [Finding], reason: String, date: String) {
        self.init(target: target, entries: findings.filter(\.isOpen).map { Entry($0, reason: reason, date: date) })
    }

    public func entry(for fingerprint: Fingerprint) -> Entry? {
        byFingerprint[fingerprint.rawValue].map { entries[$0] }
    }

    /// The suppression a baselined finding gets.
    public func suppression(for fingerprint: Fingerprint) -> Suppression? {
        entry(for: fingerprint).map { Suppression(source: .baseline, reason: "baseline (\($0.date)): \($0.reason)") }
    }

    /// Entries that match none of `fingerprints`: fixed, or moved out of the scanned tree.
    public func stale(against fingerprints: Set<Fingerprint>) -> [Entry] {
        entries.filter { !fingerprints.contains(Fingerprint(rawValue: $0.fingerprint)) }
    }

    /// The baseline brought up to date with a new run's findings: entries for open findings it lacks
    /// (with `reason` and `date`), entries that no longer match a finding dropped, the others kept as
    /// they were (their reason and date too).
    public func updated(with findings: [Finding], reason: String, date: String) -> (baseline: Baseline, added: Int, dropped: Int) {
        let current = Set(findings.map(\.fingerprint.rawValue))
        let kept = entries.filter { current.contains($0.fingerprint) }
        let added = findings.filter { $0.isOpen && byFingerprint[$0.fingerprint.rawValue] == nil }.map { Entry($0, reason: reason, date: date) }
        let updated = Baseline(target: target, entries: kept + added)
        return (updated, updated.entries.count - kept.count, entries.count - kept.count)
    }

    // MARK: - Files

    private struct Document: Codable {
        var kind: String
        var schemaVersion: Int
        var target: String?
        var entries: [Entry]

        enum CodingKeys: String, CodingKey {
            case kind, target, entries
            case schemaVersion = "schema_version"
        }
    }

    /// The file's bytes: sorted keys, two-space indentation, a final newline; the same baseline gives the same bytes.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = (try? encoder.encode(Document(kind: Baseline.kind, schemaVersion: Baseline.schemaVersion, target: target, entries: entries))) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Reads a baseline file, a `findings.json` or a SARIF log.
    /// - Throws: ``CoreError/baseline(file:message:)`` naming the field at fault, or a newer schema version.
    public static func read(_ data: Data, file: String) throws(CoreError) -> Baseline {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .baseline(file: file, message: "not JSON (\(Baseline.describe(error)))")
        }
        guard let document = object as? [String: Any] else {
            throw .baseline(file: file, message: "expected a JSON object (a baseline, a findings.json or a SARIF log)")
        }
        switch document["kind"] as? String {
        case Baseline.kind?:
            let version = document["schema_version"] as? Int ?? 0
            guard version <= schemaVersion else {
                throw .baseline(file: file, message: "schema_version \(version) was written by a newer SecureScan; this one reads \(schemaVersion)")
            }
            guard version >= 1 else { throw .baseline(file: file, message: "schema_version is missing or not a positive integer") }
            guard let entries = document["entries"] as? [Any] else { throw .baseline(file: file, message: "entries must be a list") }
            return Baseline(target: document["target"] as? String, entries: try entries.enumerated().map { index, value throws(CoreError) in
                try entry(value, at: "entries[\(index)]", file: file, reasonDefault: nil, dateDefault: nil)
            })
        case "securescan-findings"?:
            guard let findings = document["findings"] as? [Any] else { throw .baseline(file: file, message: "findings must be a list") }
            let run = document["run"] as? [String: Any]
            let date = (run?["finished_at"] as? String).map { String($0.prefix(10)) } ?? ""
            let reason = "in the run \(run?["id"] as? String ?? file)"
            var entries: [Entry] = []
            for (index, value) in findings.enumerated() where (value as? [String: Any])?["suppression"] == nil {
                entries.append(try entry(value, at: "findings[\(index)]", file: file, reasonDefault: reason, dateDefault: date))
            }
            return Baseline(target: run?["target"] as? String, entries: entries)
        default:
            guard let runs = document["runs"] as? [Any] else {
                throw .baseline(file: file, message: "neither a SecureScan baseline (kind \"\(Baseline.kind)\"), a findings.json nor a SARIF log")
            }
            return try sarif(runs, file: file)
        }
    }

    private static func entry(_ value: Any, at place: String, file: String, reasonDefault: String?, dateDefault: String?) throws(CoreError) -> Entry {
        guard let object = value as? [String: Any] else { throw .baseline(file: file, message: "\(place) must be an object") }
        func string(_ key: String, default fallback: String? = nil) throws(CoreError) -> String {
            if let text = object[key] as? String, !text.isEmpty { return text }
            if let fallback { return fallback }
            throw .baseline(file: file, message: "\(place).\(key) is missing or not a string")
        }
        let severityText = try string("severity")
        guard let severity = Severity(rawValue: severityText) else {
            throw .baseline(file: file, message: "\(place).severity '\(severityText)' is not a severity (critical, high, medium, low, info)")
        }
        let path = (object["path"] as? String) ?? ((object["location"] as? [String: Any])?["path"] as? String)
        let date = try string("date", default: dateDefault)
        if reasonDefault == nil, !isDate(date) { throw .baseline(file: file, message: "\(place).date must be a date like 2026-12-04, not '\(date)'") }
        return Entry(fingerprint: try string("fingerprint"), ruleID: try string("rule_id"), path: path, severity: severity,
                     scanner: try string("scanner"), reason: try string("reason", default: reasonDefault), date: date)
    }

    /// Results with SecureScan's fingerprint in `partialFingerprints`; other results are not ours and are skipped.
    private static func sarif(_ runs: [Any], file: String) throws(CoreError) -> Baseline {
        var entries: [Entry] = []
        for (runIndex, run) in runs.enumerated() {
            let run = run as? [String: Any]
            let tool = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["name"] as? String ?? "sarif"
            for (index, result) in ((run?["results"] as? [Any]) ?? []).enumerated() {
                guard let result = result as? [String: Any],
                      let fingerprint = (result["partialFingerprints"] as? [String: Any])?["securescan/fp1"] as? String else { continue }
                guard (result["suppressions"] as? [Any])?.isEmpty ?? true else { continue }
                guard let rule = result["ruleId"] as? String else {
                    throw .baseline(file: file, message: "runs[\(runIndex)].results[\(index)].ruleId is missing")
                }
                let properties = result["properties"] as? [String: Any]
                let severity = (properties?["severity"] as? String).flatMap(Severity.init(rawValue:))
                    ?? ["error": .high, "warning": .medium, "note": .low][result["level"] as? String ?? "warning"] ?? .medium
                let location = ((result["locations"] as? [Any])?.first as? [String: Any])?["physicalLocation"] as? [String: Any]
                let path = ((location?["artifactLocation"] as? [String: Any])?["uri"] as? String)?.removingPercentEncoding
                entries.append(Entry(fingerprint: fingerprint, ruleID: rule, path: path, severity: severity,
                                     scanner: (properties?["scanner"] as? String) ?? tool, reason: "in the SARIF log \(file)", date: ""))
            }
        }
        return Baseline(target: nil, entries: entries)
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return text.count == 10 && parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    private static func describe(_ error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "\(error)"
    }
}
