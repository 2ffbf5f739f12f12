/// A compliance framework as data: its controls, each mapped to the weaknesses (CWE ids) and the scanner
/// rules that bear on it. One file per framework in `Frameworks/`, listed in `ComplianceFramework.all`.
public struct ComplianceFramework: Sendable, Hashable {
    /// Stable id, used in files and the API (`owasp-top10-2021`).
    public var id: String
    public var name: String
    public var version: String
    /// Where the control list comes from.
    public var source: String
    public var controls: [ComplianceControl]

    /// Every framework SecureScan reports coverage for, in report order.
    public static let all: [ComplianceFramework] = [owaspTop10_2021, owaspTop10_2025, cisControls8, pciDSS4, soc2]

    public static func named(_ id: String) -> ComplianceFramework? { all.first { $0.id == id } }
}

/// One control (an OWASP category, a CIS control, a PCI DSS requirement, a SOC 2 criterion).
public struct ComplianceControl: Sendable, Hashable {
    public var id: String
    public var name: String
    /// CWE numbers whose findings count against this control.
    public var cwes: Set<Int>
    /// Scanner rules that assess this control: `scanner:*` for every rule of a scanner, or `scanner:rule-id`.
    /// A finding of such a rule counts against the control, and a completed run of such a scanner with no
    /// finding makes the control `clear`.
    public var rules: [String]

    public init(id: String, name: String, cwes: Set<Int>, rules: [String]) {
        self.id = id
        self.name = name
        self.cwes = cwes
        self.rules = rules
    }

    /// Whether `finding` bears on this control, by CWE or by rule.
    public func concerns(_ finding: Finding) -> Bool {
        finding.cwes.contains { ComplianceControl.cweNumber($0).map(cwes.contains) ?? false }
            || rules.contains { Self.rule($0, matches: finding.scanner, ruleID: finding.ruleID) }
    }

    /// Whether a run of `scanner` assesses this control.
    public func isAssessed(by scanner: String) -> Bool {
        rules.contains { $0.split(separator: ":", maxSplits: 1).first.map(String.init) == scanner }
    }

    static func rule(_ pattern: String, matches scanner: String, ruleID: String) -> Bool {
        let parts = pattern.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == scanner else { return false }
        return parts[1] == "*" || parts[1] == ruleID
    }

    /// 798 for "CWE-798" (any case, spaces tolerated); nil for anything else.
    public static func cweNumber(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces.uppercased()
        guard trimmed.hasPrefix("CWE-") else { return nil }
        return Int(trimmed.dropFirst(4).prefix { $0.isNumber })
    }
}
