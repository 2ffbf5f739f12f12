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
    /// `scanner:*` (every rule of a scanner) or `scanner:rule-id`, read once.
    struct RulePattern: Sendable, Hashable {
        var scanner: String
        /// nil for `*`.
        var rule: String?
    }

    public var id: String
    public var name: String
    /// CWE numbers whose findings count against this control.
    public var cwes: Set<Int>
    /// Scanner rules that assess this control: `scanner:*` for every rule of a scanner, or `scanner:rule-id`.
    /// A finding of such a rule counts against the control, and a completed run of such a scanner with no
    /// finding makes the control `clear`.
    public var rules: [String] { patterns.map { "\($0.scanner):\($0.rule ?? "*")" } }
    let patterns: [RulePattern]

    /// `rules` must each be `scanner:*` or `scanner:rule-id`; anything else is a programming error in a
    /// framework file and stops here.
    public init(id: String, name: String, cwes: Set<Int>, rules: [String]) {
        self.id = id
        self.name = name
        self.cwes = cwes
        patterns = rules.map { rule in
            let parts = rule.split(separator: ":", maxSplits: 1).map(String.init)
            precondition(parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty, "\(id): rule pattern '\(rule)' is not scanner:rule")
            return RulePattern(scanner: parts[0], rule: parts[1] == "*" ? nil : parts[1])
        }
    }

    /// Whether `finding` bears on this control, by CWE or by rule.
    public func concerns(_ finding: Finding) -> Bool {
        concerns(cweNumbers: Set(finding.cwes.compactMap(Self.cweNumber)), scanner: finding.scanner, ruleID: finding.ruleID)
    }

    /// The same, for a finding whose CWE numbers are already parsed (coverage parses each finding's once).
    func concerns(cweNumbers: Set<Int>, scanner: String, ruleID: String) -> Bool {
        !cweNumbers.isDisjoint(with: cwes) || patterns.contains { $0.scanner == scanner && ($0.rule == nil || $0.rule == ruleID) }
    }

    /// Whether a run of `scanner` assesses this control.
    public func isAssessed(by scanner: String) -> Bool {
        patterns.contains { $0.scanner == scanner }
    }

    /// 798 for "CWE-798" (any case, spaces tolerated); nil for anything else.
    public static func cweNumber(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces.uppercased()
        guard trimmed.hasPrefix("CWE-") else { return nil }
        return Int(trimmed.dropFirst(4).prefix { $0.isNumber })
    }
}

extension ComplianceFramework {
    /// `<framework>:<control>` for every control `finding` bears on, in report order (the finding's CWE
    /// ids parsed once for all controls).
    public static func tags(of finding: Finding, frameworks: [ComplianceFramework] = all) -> [String] {
        let cwes = Set(finding.cwes.compactMap(ComplianceControl.cweNumber))
        var tags: [String] = []
        for framework in frameworks {
            for control in framework.controls where control.concerns(cweNumbers: cwes, scanner: finding.scanner, ruleID: finding.ruleID) {
                tags.append("\(framework.id):\(control.id)")
            }
        }
        return tags
    }
}
