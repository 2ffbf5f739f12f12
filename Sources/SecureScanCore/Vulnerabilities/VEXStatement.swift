/// One statement of a VEX document given to a run (`--vex`, config `vex:`): a vulnerability's status in
/// some packages. `not_affected` and `fixed` statements suppress the matching findings (kept, marked `vex`);
/// `affected` and `under_investigation` ones change nothing.
public struct VEXStatement: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case notAffected = "not_affected"
        case affected
        case fixed
        case underInvestigation = "under_investigation"
    }

    /// The vulnerability's name and aliases (`CVE-…`, `GHSA-…`), as the document gives them.
    public var vulnerabilities: [String]
    /// Package URLs the statement is about; one without a version covers every version.
    public var packages: [String]
    public var status: Status
    public var justification: VEXJustification?
    /// Free text: OpenVEX's `impact_statement`, CycloneDX's `analysis.detail`.
    public var impact: String?
    /// The document's path and the statement's JSON pointer in it (`/statements/3`).
    public var document: String
    public var pointer: String
    /// `vulnerabilities` lowercased and `packages` parsed, once: every finding of a run is compared with them.
    private let lowercasedNames: Set<String>
    private let identities: [PackageIdentity]

    public init(vulnerabilities: [String], packages: [String], status: Status, justification: VEXJustification? = nil,
                impact: String? = nil, document: String, pointer: String) {
        self.vulnerabilities = vulnerabilities
        self.packages = packages
        self.status = status
        self.justification = justification
        self.impact = impact
        self.document = document
        self.pointer = pointer
        lowercasedNames = Set(vulnerabilities.map { $0.lowercased() })
        identities = packages.map(PackageIdentity.init)
    }

    /// Whether the statement takes findings out of the gate.
    public var suppresses: Bool { status == .notAffected || status == .fixed }

    /// Whether the statement is about this vulnerability (its id or an alias) in this package.
    public func covers(vulnerability ids: [String], package purl: String) -> Bool {
        guard ids.contains(where: { lowercasedNames.contains($0.lowercased()) }) else { return false }
        let found = PackageIdentity(purl)
        return identities.contains { $0.covers(found) }
    }

    /// The suppression a matching finding gets.
    public var suppression: Suppression {
        var reason = status.rawValue
        if let justification { reason += ": " + justification.rawValue }
        if let impact, !impact.isEmpty { reason += (justification == nil ? ": " : " (") + impact + (justification == nil ? "" : ")") }
        reason += " — " + document + "#" + pointer
        return Suppression(source: .vex, reason: reason, justification: status == .notAffected ? justification : nil)
    }

    /// A one-line description for notes: `CVE-2021-23337 in pkg:npm/lodash@4.17.20 (vex.json#/statements/0)`.
    public var label: String {
        (vulnerabilities.first ?? "?") + " in " + (packages.first ?? "?") + (packages.count > 1 ? " and \(packages.count - 1) more" : "")
            + " (" + document + "#" + pointer + ")"
    }
}

/// A package URL reduced to what VEX matching compares: type, namespace and name (case-insensitively),
/// and the version when there is one; qualifiers and subpath are left out.
struct PackageIdentity: Hashable {
    var name: String
    var version: String?

    init(_ purl: String) {
        var text = Substring(purl)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        if let question = text.firstIndex(of: "?") { text = text[..<question] }
        // The version follows the last `@` after the last `/` (npm scopes are `%40`-encoded or before a `/`).
        let lastSlash = text.lastIndex(of: "/") ?? text.startIndex
        if let at = text[lastSlash...].lastIndex(of: "@") {
            name = String(text[..<at]).lowercased().replacingPercentAt()
            let version = String(text[text.index(after: at)...])
            self.version = version.isEmpty ? nil : version.removingPercentEncodedPlus()
        } else {
            name = String(text).lowercased().replacingPercentAt()
            version = nil
        }
    }

    /// A statement's package covers a found one when the names are the same and the statement names no
    /// version or the same one.
    func covers(_ found: PackageIdentity) -> Bool {
        name == found.name && (version == nil || version == found.version)
    }
}

extension String {
    /// `pkg:npm/%40babel/core` and `pkg:npm/@babel/core` are the same package.
    fileprivate func replacingPercentAt() -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: "%40") {
            result += rest[..<range.lowerBound] + "@"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Versions are compared as written, except `%2B` for `+` (Maven and Cargo build metadata).
    fileprivate func removingPercentEncodedPlus() -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: "%2B") ?? rest.firstRange(of: "%2b") {
            result += rest[..<range.lowerBound] + "+"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
