import Foundation
import SecureScanCore
import SecureScanScanners
import Yams

/// `securescan config migrate`: a SecureScan (Python) `.securescan.yml` rewritten as this program's config.
///
/// | reference key | becomes |
/// |---|---|
/// | `scan_types: [code, dependency, …]` | `scanners:` the scanners of those types that run by default |
/// | `severity_overrides` | `severity_overrides` (the same) |
/// | `ignored_rules: [id, …]` | `suppressions:` one entry per rule, with a reason naming the old file |
/// | `semgrep_rules: [path, …]` | `scanner_options: {semgrep: {rules: […]}}` |
/// | `fail_on_severity: high` | `policy: {fail_on: high}` (the reference parsed it but never gated on it) |
/// | `ai` | dropped, with a note (SecureScan sends nothing to AI services) |
public enum ConfigMigration {
    /// The keys only the reference system's config has: a file with one of them is taken for its format.
    public static let referenceKeys = ["scan_types", "ignored_rules", "semgrep_rules", "fail_on_severity", "ai"]

    public struct Result: Sendable {
        /// The new config's text, which ``ConfigLoader`` reads back to the same settings.
        public var text: String
        /// What changed meaning or was dropped, for the person migrating.
        public var notes: [String]
    }

    /// Rewrites a reference config. Errors name the file, line and key.
    public static func migrate(_ text: String, file: String, scanners: [any ScannerAdapter] = Scanners.all) throws(PipelineError) -> Result {
        let reader = NodeReader(file: file)
        var lines = ["# Migrated from \(URL(fileURLWithPath: file).lastPathComponent), a SecureScan (Python) config, by `securescan config migrate`.",
                     "version: 1"]
        var notes: [String] = []
        guard let root = try ConfigLoader.compose(text, file: file) else {
            return Result(text: lines.joined(separator: "\n") + "\n", notes: ["the file is empty: the defaults apply"])
        }
        let mapping = try reader.mapping(root, key: "top level")
        try reader.rejectUnknownKeys(mapping, known: referenceKeys + ["severity_overrides"], in: "a SecureScan (Python) config")
        var suppressions: [String] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "scan_types":
                var types: [ScanType] = []
                for item in try reader.sequence(value, key: key) {
                    let name = try reader.string(item, key: key)
                    guard let type = ScanType(rawValue: name) else {
                        throw reader.error(item, "scan_types: '\(name)' is not a scan type (\(ScanType.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    types.append(type)
                }
                let selected = Scanners.defaultSelection(from: scanners, types: types).map(\.id)
                for type in types where !scanners.contains(where: { $0.scanType == type && $0.runsByDefault }) {
                    notes.append("scan_types: no scanner here checks '\(type.rawValue)'")
                }
                lines.append("scanners: [\(selected.joined(separator: ", "))]   # scan_types: \(types.map(\.rawValue).joined(separator: ", "))")
            case "severity_overrides":
                lines.append("severity_overrides:")
                for (ruleNode, severityNode) in try reader.mapping(value, key: key) {
                    let rule = try reader.string(ruleNode, key: key)
                    let severity = try reader.severity(severityNode, key: "\(key).\(rule)")
                    lines.append("  \(quoted(rule)): \(severity.rawValue)")
                }
            case "ignored_rules":
                for item in try reader.sequence(value, key: key) {
                    let rule = try reader.string(item, key: key)
                    suppressions += ["  - rule: \(quoted(rule))", "    reason: \(quoted("ignored_rules in \(URL(fileURLWithPath: file).lastPathComponent)"))"]
                }
            case "semgrep_rules":
                let paths = try reader.sequence(value, key: key).map { item throws(PipelineError) in try reader.string(item, key: key) }
                if !paths.isEmpty {
                    lines += ["scanner_options:", "  semgrep:", "    rules: [\(paths.map(quoted).joined(separator: ", "))]"]
                    if paths.contains(where: { !$0.hasPrefix("/") }) {
                        notes.append("semgrep_rules: relative paths are now read from the scanned directory (they were relative to the config file)")
                    }
                }
            case "fail_on_severity":
                if value.null == nil {
                    let severity = try reader.severity(value, key: key)
                    lines += ["policy:", "  fail_on: \(severity.rawValue)"]
                    notes.append("fail_on_severity: \(severity.rawValue) now gates runs (policy.fail_on); SecureScan (Python) read it but never used it")
                }
            case "ai":
                notes.append("ai: dropped; SecureScan sends nothing to AI services")
            default: break
            }
        }
        if !suppressions.isEmpty { lines += ["suppressions:"] + suppressions }
        let migrated = lines.joined(separator: "\n") + "\n"
        _ = try ConfigLoader(scanners: scanners).parse(migrated, file: file + " (migrated)")
        return Result(text: migrated, notes: notes)
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension ConfigMigration {
    /// `securescan config validate`: the config file read as a scan reads it (every error names the file,
    /// line and key), then what can only be checked on disk: the baseline file, semgrep's rule paths, and
    /// suppressions past their expiry. Returns the warnings; throws the first error.
    public static func validate(_ file: String, today: String, scanners: [any ScannerAdapter] = Scanners.all) throws(PipelineError) -> [String] {
        let (config, _) = try ConfigLoader(scanners: scanners).load(file: file)
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        func resolved(_ path: String) -> String { path.hasPrefix("/") ? path : directory.appendingPathComponent(path).path }
        if let baseline = config.baseline { _ = try Pipeline.loadBaseline(resolved(baseline)) }
        var warnings: [String] = []
        // Registry rulesets (`auto`, `p/…`, `r/…`) are names, not files.
        for path in config.scannerOptions["semgrep"]?["rules"] ?? [] where path != "auto" && !path.hasPrefix("p/") && !path.hasPrefix("r/") {
            if !FileManager.default.fileExists(atPath: resolved(path)) {
                warnings.append("scanner_options.semgrep.rules: \(path) does not exist next to the config file (semgrep reads relative paths from the scanned directory)")
            }
        }
        for expired in FindingPolicy(config: config).expiredSuppressions(today: today) {
            warnings.append("suppression for \(expired.rule ?? expired.path?.description ?? expired.fingerprint ?? "?") expired on \(expired.expires ?? "?")")
        }
        return warnings
    }

    /// The config file a scan of `directory` would read.
    public static func discover(from directory: String) -> String? { ConfigDiscovery.find(startingAt: directory) }
}
