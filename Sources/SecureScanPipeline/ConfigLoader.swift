import Foundation
import SecureScanCore
import SecureScanScanners
import Yams

/// Reads `securescan.yml` into a validated ``ScanConfig``.
///
/// Walks the YAML node tree rather than decoding blindly, so every error names the file, the line
/// and the key: unknown keys, wrong types, bad severities, unknown scanners and invalid patterns.
public struct ConfigLoader: Sendable {
    /// Scanner ids a config may name.
    public var knownScanners: [String]
    /// The `scanner_options` keys each scanner reads; a scanner missing here takes none.
    public var optionKeys: [String: [String]]

    public init(knownScanners: [String], optionKeys: [String: [String]] = [:]) {
        self.knownScanners = knownScanners
        self.optionKeys = optionKeys
    }

    /// Knows these scanners and the options each reads.
    public init(scanners: [any ScannerAdapter]) {
        self.init(knownScanners: scanners.map(\.id), optionKeys: Dictionary(scanners.map { ($0.id, $0.optionKeys) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The config and the SHA-256 of its text.
    public func load(file: String) throws(PipelineError) -> (config: ScanConfig, digest: String) {
        let text = try ConfigLoader.text(of: file)
        return (try parse(text, file: file), ConfigLoader.digest(text))
    }

    /// A config or batch file's text; unreadable and non-UTF-8 files are errors naming the file.
    static func text(of file: String) throws(PipelineError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw .configUnreadable(file: file, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .configUnreadable(file: file, reason: "it is a directory, not a file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying?.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(underlying!.code))) : (error as NSError).localizedDescription
            throw .configUnreadable(file: file, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .config(file: file, line: nil, column: nil, message: "the file is not valid UTF-8")
        }
        return text
    }

    public static func digest(_ text: String) -> String { ContentDigest.sha256(text) }

    /// `webhooks: {allow_networks: [CIDR, …]}`.
    static func allowedNetworks(_ node: Node, reader: NodeReader) throws(PipelineError) -> [IPRange] {
        let section = try reader.mapping(node, key: "webhooks")
        try reader.rejectUnknownKeys(section, known: ["allow_networks"], in: "webhooks")
        var ranges: [IPRange] = []
        for (entryKey, entryValue) in section where entryKey.string == "allow_networks" {
            for item in try reader.sequence(entryValue, key: "webhooks.allow_networks") {
                let text = try reader.string(item, key: "webhooks.allow_networks")
                guard let range = IPRange(text) else {
                    throw reader.error(item, "webhooks.allow_networks: '\(text)' is not an IP address or CIDR block (like 10.0.0.0/8)")
                }
                ranges.append(range)
            }
        }
        return ranges
    }

    /// `pdf: {max_pages: N}`: the most pages `report.pdf` may have (at least ``ScanConfig/minimumPDFMaxPages``).
    static func pdfMaxPages(_ node: Node, reader: NodeReader) throws(PipelineError) -> Int? {
        let section = try reader.mapping(node, key: "pdf")
        try reader.rejectUnknownKeys(section, known: ["max_pages"], in: "pdf")
        var pages: Int?
        for (entryKey, entryValue) in section where entryKey.string == "max_pages" {
            let value = try reader.integer(entryValue, key: "pdf.max_pages")
            guard value >= ScanConfig.minimumPDFMaxPages else {
                throw reader.error(entryValue, "pdf.max_pages: \(value) is too few; the report needs at least \(ScanConfig.minimumPDFMaxPages) pages")
            }
            pages = value
        }
        return pages
    }

    /// Parses YAML text into a node tree; syntax errors name the file, line and column.
    static func compose(_ text: String, file: String) throws(PipelineError) -> Node? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigLoader.yamlError(error, file: file)
        } catch {
            throw .config(file: file, line: nil, column: nil, message: "invalid YAML: \(error)")
        }
        let limit = YAMLExpansion.limit(forBytes: text.utf8.count)
        if let node, YAMLExpansion.exceeds(node, limit: limit) {
            throw .config(file: file, line: nil, column: nil, message: YAMLExpansion.message(limit: limit))
        }
        return node
    }

    /// Parses config text; `file` is only used in messages.
    public func parse(_ text: String, file: String) throws(PipelineError) -> ScanConfig {
        let root = try Self.compose(text, file: file)
        var config = ScanConfig()
        guard let root else { return config }
        let reader = NodeReader(file: file)
        let mapping = try reader.mapping(root, key: "top level")
        for (keyNode, _) in mapping where ConfigMigration.referenceKeys.contains(keyNode.string ?? "") {
            throw reader.error(keyNode, "'\(keyNode.string ?? "")' is a SecureScan (Python) setting: this is that program's .securescan.yml. "
                               + "`securescan config migrate \(file)` writes the equivalent config for this one")
        }
        try reader.rejectUnknownKeys(mapping, known: ConfigLoader.topLevelKeys, in: "the top level")
        try apply(mapping, to: &config, reader: reader)
        return config
    }

    /// The keys a batch file's `defaults:` and target entries may set: everything about how a target is
    /// scanned (not `targets`, `version` or `webhooks`, which belong to the file).
    static let scanKeys = [
        "scanners", "exclude", "use_default_excludes", "max_file_size", "timeout", "scanner_timeouts", "memory_limit",
        "scanner_memory_limits", "severity_overrides", "suppressions", "policy", "licenses", "scanner_options", "pdf", "baseline", "vex",
    ]

    /// Sets the keys present in `mapping` on `config` (the caller has rejected keys it does not allow).
    func apply(_ mapping: Node.Mapping, to config: inout ScanConfig, reader: NodeReader) throws(PipelineError) {
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "version":
                let version = try reader.integer(value, key: key)
                guard version == 1 else { throw reader.error(value, "unsupported version \(version) (this SecureScan reads version 1)") }
                config.version = version
            case "scanners": config.scanners = try scannerList(value, key: key, reader: reader)
            case "exclude": config.exclude = try patterns(value, key: key, reader: reader)
            case "use_default_excludes": config.useDefaultExcludes = try reader.boolean(value, key: key)
            case "max_file_size": config.maxFileSize = try reader.byteSize(value, key: key)
            case "timeout": config.timeout = try reader.seconds(value, key: key)
            case "scanner_timeouts":
                for (scannerNode, seconds) in try reader.mapping(value, key: key) {
                    let scanner = try reader.string(scannerNode, key: key)
                    guard knownScanners.contains(scanner) else { throw unknownScanner(scanner, at: scannerNode, reader: reader) }
                    config.scannerTimeouts[scanner] = try reader.seconds(seconds, key: "\(key).\(scanner)")
                }
            case "memory_limit": config.memoryLimit = try reader.byteSize(value, key: key)
            case "scanner_memory_limits":
                for (scannerNode, size) in try reader.mapping(value, key: key) {
                    let scanner = try reader.string(scannerNode, key: key)
                    guard knownScanners.contains(scanner) else { throw unknownScanner(scanner, at: scannerNode, reader: reader) }
                    config.scannerMemoryLimits[scanner] = try reader.byteSize(size, key: "\(key).\(scanner)")
                }
            case "scanner_options":
                for (scannerNode, options) in try reader.mapping(value, key: key) {
                    let scanner = try reader.string(scannerNode, key: key)
                    guard knownScanners.contains(scanner) else { throw unknownScanner(scanner, at: scannerNode, reader: reader) }
                    config.scannerOptions[scanner] = try scannerOptions(options, scanner: scanner, reader: reader)
                }
            case "severity_overrides":
                for (ruleNode, severityNode) in try reader.mapping(value, key: key) {
                    let rule = try reader.string(ruleNode, key: key)
                    guard !rule.isEmpty, !rule.contains(where: \.isWhitespace) else {
                        throw reader.error(ruleNode, "'\(rule)' in \(key) is not a rule id")
                    }
                    config.severityOverrides[rule] = try reader.severity(severityNode, key: "\(key).\(rule)")
                }
            case "suppressions":
                config.suppressions = try reader.sequence(value, key: key).map { entry throws(PipelineError) in
                    try suppression(entry, reader: reader)
                }
            case "policy": config.policy = try policy(value, over: config.policy, reader: reader)
            case "baseline":
                let path = try reader.string(value, key: key)
                guard !path.isEmpty else { throw reader.error(value, "baseline must be the path of a baseline file") }
                config.baseline = path
            case "vex":
                let paths = (try? reader.sequence(value, key: key)) != nil
                    ? try reader.sequence(value, key: key).map { entry throws(PipelineError) in try reader.string(entry, key: key) }
                    : [try reader.string(value, key: key)]
                guard !paths.isEmpty, !paths.contains(where: \.isEmpty) else {
                    throw reader.error(value, "vex must be the path of a VEX document or a list of them")
                }
                config.vex = paths
            case "licenses": config.licenses = try licensePolicy(value, reader: reader)
            case "webhooks": config.webhookAllowedNetworks += try Self.allowedNetworks(value, reader: reader)
            case "pdf": config.pdfMaxPages = try Self.pdfMaxPages(value, reader: reader) ?? config.pdfMaxPages
            case "targets":
                config.targets = try reader.sequence(value, key: key).map { entry throws(PipelineError) in
                    try target(entry, reader: reader)
                }
                var names = Set<String>()
                for (entry, target) in zip(try reader.sequence(value, key: key), config.targets) where !names.insert(target.name).inserted {
                    throw reader.error(entry, "target name '\(target.name)' is used twice")
                }
            default: break
            }
        }
    }

    static let topLevelKeys = [
        "version", "scanners", "exclude", "use_default_excludes", "max_file_size", "timeout", "scanner_timeouts",
        "severity_overrides", "suppressions", "policy", "targets", "licenses", "webhooks", "memory_limit", "scanner_memory_limits",
        "scanner_options", "pdf", "baseline", "vex",
    ]

    /// One scanner's `scanner_options` entry: known keys only, each a value or a list of values.
    private func scannerOptions(_ node: Node, scanner: String, reader: NodeReader) throws(PipelineError) -> [String: [String]] {
        let place = "scanner_options.\(scanner)"
        let section = try reader.mapping(node, key: place)
        let known = optionKeys[scanner] ?? []
        guard known.isEmpty == false || section.isEmpty else {
            throw reader.error(node, "\(scanner) takes no scanner_options")
        }
        try reader.rejectUnknownKeys(section, known: known, in: place)
        var options: [String: [String]] = [:]
        for (keyNode, value) in section {
            let key = keyNode.string ?? ""
            if value.sequence != nil {
                options[key] = try reader.sequence(value, key: "\(place).\(key)").map { item throws(PipelineError) in
                    try reader.string(item, key: "\(place).\(key)")
                }
            } else {
                options[key] = [try reader.string(value, key: "\(place).\(key)")]
            }
        }
        return options
    }

    private func scannerList(_ node: Node, key: String, reader: NodeReader) throws(PipelineError) -> [String] {
        var ids: [String] = []
        for item in try reader.sequence(node, key: key) {
            let id = try reader.string(item, key: key)
            guard knownScanners.contains(id) else { throw unknownScanner(id, at: item, reader: reader) }
            ids.append(id)
        }
        return ids
    }

    private func unknownScanner(_ id: String, at node: Node, reader: NodeReader) -> PipelineError {
        reader.error(node, "unknown scanner '\(id)' (known: \(knownScanners.joined(separator: ", ")))")
    }

    private func patterns(_ node: Node, key: String, reader: NodeReader) throws(PipelineError) -> [String] {
        var patterns: [String] = []
        for item in try reader.sequence(node, key: key) {
            let pattern = try reader.string(item, key: key)
            do {
                _ = try PathPattern(pattern)
            } catch {
                throw reader.error(item, "\(key): \(error)")
            }
            patterns.append(pattern)
        }
        return patterns
    }

    private func suppression(_ node: Node, reader: NodeReader) throws(PipelineError) -> SuppressionRule {
        let mapping = try reader.mapping(node, key: "suppressions entry")
        try reader.rejectUnknownKeys(mapping, known: ["rule", "path", "fingerprint", "reason", "expires"], in: "a suppressions entry")
        var rule: String?, path: PathPattern?, fingerprint: String?, reason: String?, expires: String?
        for (keyNode, value) in mapping {
            switch keyNode.string ?? "" {
            case "rule": rule = try reader.string(value, key: "rule")
            case "path":
                let text = try reader.string(value, key: "path")
                do { path = try PathPattern(text) } catch { throw reader.error(value, "path: \(error)") }
            case "fingerprint":
                let text = try reader.string(value, key: "fingerprint")
                guard text.hasPrefix("\(Fingerprint.scheme):"), text.count == Fingerprint.scheme.count + 65 else {
                    throw reader.error(value, "fingerprint must look like \(Fingerprint.scheme):<64 hex digits>")
                }
                fingerprint = text
            case "reason": reason = try reader.string(value, key: "reason")
            case "expires":
                let text = try reader.string(value, key: "expires")
                guard ConfigLoader.isDate(text) else { throw reader.error(value, "expires must be a date like 2027-01-31, not '\(text)'") }
                expires = text
            default: break
            }
        }
        guard rule != nil || path != nil || fingerprint != nil else {
            throw reader.error(node, "a suppression needs at least one of rule, path or fingerprint")
        }
        guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw reader.error(node, "a suppression needs a reason")
        }
        return SuppressionRule(rule: rule, path: path, fingerprint: fingerprint, reason: reason, expires: expires)
    }

    /// The keys given replace those of `base` (a batch entry's policy refines the defaults' policy).
    private func policy(_ node: Node, over base: GatePolicy, reader: NodeReader) throws(PipelineError) -> GatePolicy {
        let mapping = try reader.mapping(node, key: "policy")
        try reader.rejectUnknownKeys(mapping, known: ["fail_on", "fail_on_new", "max_findings", "max_new", "fail_on_scanner_error", "allow_inline_suppressions", "fail_on_kev", "min_epss"], in: "policy")
        var policy = base
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "fail_on": policy.failOn = try reader.severity(value, key: "policy.\(key)")
            case "fail_on_new": policy.failOnNew = try reader.severity(value, key: "policy.\(key)")
            case "max_findings":
                let limit = try reader.integer(value, key: "policy.\(key)")
                guard limit >= 0 else { throw reader.error(value, "policy.max_findings must not be negative") }
                policy.maxFindings = limit
            case "max_new":
                let limit = try reader.integer(value, key: "policy.\(key)")
                guard limit >= 0 else { throw reader.error(value, "policy.max_new must not be negative") }
                policy.maxNew = limit
            case "fail_on_scanner_error": policy.failOnScannerError = try reader.boolean(value, key: "policy.\(key)")
            case "allow_inline_suppressions": policy.allowInlineSuppressions = try reader.boolean(value, key: "policy.\(key)")
            case "fail_on_kev": policy.failOnKEV = try reader.boolean(value, key: "policy.\(key)")
            case "min_epss":
                guard let threshold = value.string.flatMap(Double.init), (0...1).contains(threshold) else {
                    throw reader.error(value, "policy.min_epss must be a probability between 0 and 1")
                }
                policy.minEPSS = threshold
            default: break
            }
        }
        return policy
    }

    /// `licenses: {deny: [ids], allow: [ids], violation: severity, copyleft: severity|off, unknown: severity|off}`.
    private func licensePolicy(_ node: Node, reader: NodeReader) throws(PipelineError) -> LicensePolicy {
        let mapping = try reader.mapping(node, key: "licenses")
        try reader.rejectUnknownKeys(mapping, known: ["deny", "allow", "violation", "copyleft", "unknown"], in: "licenses")
        var policy = LicensePolicy()
        func ids(_ value: Node, key: String) throws(PipelineError) -> [String] {
            try reader.sequence(value, key: "licenses.\(key)").map { item throws(PipelineError) in
                let text = try reader.string(item, key: "licenses.\(key)")
                if SPDXLicenses.isReference(text) { return text }
                guard let id = SPDXLicenses.canonicalLicense(text) else {
                    let suggestion = SPDXLicenses.id(forName: text).map { " (did you mean \($0)?)" } ?? ""
                    throw reader.error(item, "'\(text)' in licenses.\(key) is not an SPDX license id\(suggestion)")
                }
                return id
            }
        }
        func optionalSeverity(_ value: Node, key: String) throws(PipelineError) -> Severity? {
            if let text = value.string, ["off", "false", "no", "none"].contains(text.lowercased()) { return nil }
            return try reader.severity(value, key: "licenses.\(key)")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "deny": policy.deny = try ids(value, key: key)
            case "allow": policy.allow = try ids(value, key: key)
            case "violation": policy.violation = try reader.severity(value, key: "licenses.violation")
            case "copyleft": policy.copyleft = try optionalSeverity(value, key: key)
            case "unknown": policy.unknown = try optionalSeverity(value, key: key)
            default: break
            }
        }
        return policy
    }

    private func target(_ node: Node, reader: NodeReader) throws(PipelineError) -> TargetConfig {
        let mapping = try reader.mapping(node, key: "targets entry")
        try reader.rejectUnknownKeys(mapping, known: ["name", "path", "scanners", "exclude"], in: "a targets entry")
        var name: String?, path: String?, scanners: [String]?, exclude: [String] = []
        for (keyNode, value) in mapping {
            switch keyNode.string ?? "" {
            case "name":
                let text = try reader.string(value, key: "name")
                if let problem = TargetConfig.nameProblem(text) { throw reader.error(value, problem) }
                name = text
            case "path": path = try reader.string(value, key: "path")
            case "scanners": scanners = try scannerList(value, key: "scanners", reader: reader)
            case "exclude": exclude = try patterns(value, key: "exclude", reader: reader)
            default: break
            }
        }
        guard let path else { throw reader.error(node, "a target needs a path") }
        let derived = TargetConfig.derivedName(from: URL(fileURLWithPath: path).lastPathComponent)
        return TargetConfig(name: name ?? derived, path: path, scanners: scanners, exclude: exclude)
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    static func yamlError(_ error: YamlError, file: String) -> PipelineError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return .config(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .config(file: file, line: context.mark.line, column: context.mark.column,
                           message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return .config(file: file, line: nil, column: nil, message: "invalid YAML: \(error)")
        }
    }
}

/// Typed reads from YAML nodes, with errors that carry the node's position.
struct NodeReader {
    let file: String

    func error(_ node: Node, _ message: String) -> PipelineError {
        .config(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    /// An empty value (`key:` with nothing after it, `~`, `null`) reads as an empty mapping or list.
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string) && scalar.style == .plain
    }

    func mapping(_ node: Node, key: String) throws(PipelineError) -> Node.Mapping {
        if isNull(node) { return Node.Mapping([]) }
        guard let mapping = node.mapping else { throw error(node, "\(key) must be a mapping (key: value lines)") }
        return mapping
    }

    func sequence(_ node: Node, key: String) throws(PipelineError) -> [Node] {
        if isNull(node) { return [] }
        guard let sequence = node.sequence else { throw error(node, "\(key) must be a list") }
        return Array(sequence)
    }

    func string(_ node: Node, key: String) throws(PipelineError) -> String {
        guard let scalar = node.scalar else { throw error(node, "\(key) must be a single value, not a list or mapping") }
        return scalar.string
    }

    func integer(_ node: Node, key: String) throws(PipelineError) -> Int {
        let text = try string(node, key: key)
        guard let value = Int(text) else { throw error(node, "\(key) must be a whole number, not '\(text)'") }
        return value
    }

    func boolean(_ node: Node, key: String) throws(PipelineError) -> Bool {
        switch try string(node, key: key).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error(node, "\(key) must be true or false, not '\(other)'")
        }
    }

    func severity(_ node: Node, key: String) throws(PipelineError) -> Severity {
        let text = try string(node, key: key)
        guard let severity = Severity(label: text) else {
            throw error(node, "\(key): '\(text)' is not a severity (critical, high, medium, low, info)")
        }
        return severity
    }

    /// `90`, `90s`, `15m`, `1h`.
    func seconds(_ node: Node, key: String) throws(PipelineError) -> Double {
        let text = try string(node, key: key).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var seconds: Double?
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value > 0 { seconds = value * factor }
            break
        }
        if seconds == nil, let value = Double(text), value > 0 { seconds = value }
        guard let seconds, seconds.isFinite else {
            throw error(node, "\(key) must be a positive duration like 300, 90s or 15m, not '\(text)'")
        }
        // Past a week a time limit is no limit, and past Int64 nanoseconds it cannot be waited for.
        guard seconds <= 7 * 86_400 else { throw error(node, "\(key): '\(text)' is longer than a week; give a time limit a scan can reach") }
        return seconds
    }

    /// `1048576`, `512KiB`, `10MiB`, `1GiB` (also KB/MB/GB as powers of 1000).
    func byteSize(_ node: Node, key: String) throws(PipelineError) -> Int {
        let text = try string(node, key: key).replacingOccurrences(of: " ", with: "")
        let units: [(String, Int)] = [("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("kb", 1000), ("mb", 1_000_000),
                                      ("gb", 1_000_000_000), ("b", 1)]
        let lowered = text.lowercased()
        for (suffix, factor) in units where lowered.hasSuffix(suffix) {
            if let value = Double(lowered.dropLast(suffix.count)), value > 0 {
                // A size past what a file can be (1e30MB) is a mistake, not a limit.
                guard value * Double(factor) < 0x1p62 else { throw error(node, "\(key): '\(text)' is larger than any file can be") }
                return Int(value * Double(factor))
            }
        }
        if let value = Int(lowered), value > 0 { return value }
        throw error(node, "\(key) must be a size like 10MiB or 1048576, not '\(text)'")
    }

    func rejectUnknownKeys(_ mapping: Node.Mapping, known: [String], in place: String) throws(PipelineError) {
        for (keyNode, _) in mapping {
            guard let key = keyNode.string, known.contains(key) else {
                let name = keyNode.string ?? "?"
                let suggestion = known.min { NodeReader.distance($0, name) < NodeReader.distance($1, name) }
                    .flatMap { NodeReader.distance($0, name) <= 3 ? " (did you mean '\($0)'?)" : nil } ?? ""
                throw error(keyNode, "unknown key '\(name)' in \(place)\(suggestion); known keys: \(known.joined(separator: ", "))")
            }
        }
    }

    /// Levenshtein distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int { EditDistance.between(a, b) }
}
