/// The validated contents of `securescan.yml`; every field has a default, so an empty file is valid.
public struct ScanConfig: Sendable, Hashable {
    /// The schema version of the file. Only 1 exists.
    public var version: Int = 1
    /// Named targets for `batch`, and the name a scanned path is stored under.
    public var targets: [TargetConfig] = []
    /// Scanner ids to run; `nil` means every available scanner that runs by default (online auditors run only when named).
    public var scanners: [String]?
    /// `.gitignore`-style patterns of paths no scanner reads.
    public var exclude: [String] = []
    /// Whether vendored and generated directories (`node_modules/`, `.git/`, `vendor/`, …) are skipped.
    public var useDefaultExcludes = true
    /// Files larger than this many bytes are skipped, with a note.
    public var maxFileSize: Int = ScanConfig.defaultMaxFileSize
    /// Rule id to the severity it should have.
    public var severityOverrides: [String: Severity] = [:]
    public var suppressions: [SuppressionRule] = []
    public var policy = GatePolicy()
    /// A baseline file of accepted findings (``Baseline``), relative to the config file.
    public var baseline: String?
    /// VEX documents (OpenVEX, CycloneDX) whose `not_affected` and `fixed` statements suppress the
    /// vulnerabilities they name, relative to the config file.
    public var vex: [String] = []
    /// Default time limit per scanner, in seconds.
    public var timeout: Double = ScanConfig.defaultTimeout
    /// Per-scanner time limits, in seconds.
    public var scannerTimeouts: [String: Double] = [:]
    /// Memory an external scanner's process may use, in bytes (`memory_limit`), and per scanner
    /// (`scanner_memory_limits`); nil for no limit.
    public var memoryLimit: Int?
    public var scannerMemoryLimits: [String: Int] = [:]
    /// The `licenses` scanner's policy.
    public var licenses = LicensePolicy()
    /// Internal networks webhooks may reach (`webhooks.allow_networks`); every other internal address is refused.
    public var webhookAllowedNetworks: [IPRange] = []
    /// Settings of external scanners (`scanner_options`): scanner id to option name to values
    /// (semgrep's rule files, nmap's hosts, …). A single value is a one-element list.
    public var scannerOptions: [String: [String: [String]]] = [:]

    /// The most pages `report.pdf` may have (`pdf.max_pages`); past it, findings go to rows and rule counts.
    public var pdfMaxPages = ScanConfig.defaultPDFMaxPages

    /// A hundred pages by default: a document a person reads (open critical and high findings in detail
    /// first, then one-line rows, then counts by rule), while findings.json, the SARIF and report.html carry
    /// every finding. Each hundred pages more costs about 0.35 s and 300 KB and is rarely read; a team that
    /// prints long audits raises it.
    public static let defaultPDFMaxPages = 100
    /// The fewest pages `pdf.max_pages` may ask for: the sections besides the findings need up to ~30.
    public static let minimumPDFMaxPages = 40
    public static let defaultMaxFileSize = 10 * 1024 * 1024
    public static let defaultTimeout: Double = 600

    public init() {}

    /// The time limit for one scanner.
    public func timeout(for scanner: String) -> Double { scannerTimeouts[scanner] ?? timeout }

    /// The configured target whose path is `path` (as written in the file, resolved by the caller).
    public func target(named name: String) -> TargetConfig? { targets.first { $0.name == name } }
}

/// One entry of `targets:`.
public struct TargetConfig: Sendable, Hashable {
    /// Stable name: part of every fingerprint and of the artifact path, so renaming a target starts a new history.
    public var name: String
    /// Directory to scan, relative to the config file's directory unless absolute.
    public var path: String
    public var scanners: [String]?
    public var exclude: [String]

    public init(name: String, path: String, scanners: [String]? = nil, exclude: [String] = []) {
        self.name = name
        self.path = path
        self.scanners = scanners
        self.exclude = exclude
    }

    /// Whether `name` is usable as a target name: it becomes a directory name under the output root.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.isEmpty, name.count <= 100 else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    /// Why `name` is not a usable target name, in the words every entry point uses, or nil when it is.
    public static func nameProblem(_ name: String) -> String? {
        isValidName(name) ? nil
            : "target name '\(name)' must start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 100)"
    }

    /// A valid target name derived from a directory name: unusable characters become `-`.
    public static func derivedName(from directoryName: String) -> String {
        var name = String(directoryName.unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar)
                ? Character(scalar) : "-"
        })
        while let first = name.unicodeScalars.first, !(first.properties.isAlphabetic || ("0"..."9").contains(first)) {
            name.removeFirst()
        }
        return name.isEmpty ? "target" : String(name.prefix(100))
    }
}

/// A config entry that suppresses findings: by rule, path glob and/or fingerprint, always with a reason.
public struct SuppressionRule: Sendable, Hashable {
    public var rule: String?
    public var path: PathPattern?
    public var fingerprint: String?
    public var reason: String
    /// `YYYY-MM-DD`: the suppression applies up to and including this day.
    public var expires: String?

    public init(rule: String? = nil, path: PathPattern? = nil, fingerprint: String? = nil, reason: String, expires: String? = nil) {
        self.rule = rule
        self.path = path
        self.fingerprint = fingerprint
        self.reason = reason
        self.expires = expires
    }

    /// Whether the entry covers `finding` on `today` (`YYYY-MM-DD`).
    public func covers(_ finding: Finding, today: String) -> Bool {
        if let expires, expires < today { return false }
        if let rule, rule != finding.ruleID { return false }
        if let fingerprint, fingerprint != finding.fingerprint.rawValue { return false }
        if let path {
            guard let findingPath = finding.location?.path, path.matches(findingPath, isDirectory: false) else { return false }
        }
        return true
    }
}
