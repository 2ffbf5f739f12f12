import Foundation
import SecureScanCore

/// `vex.openvex.json`: what the run says about each vulnerability it found in a package, as an OpenVEX
/// 0.2.0 document. The product is the scanned target (`pkg:generic/<target>@<commit>`), each statement's
/// subcomponent the package:
///
/// - `not_affected`, with its justification, for a finding triaged `not_affected` or suppressed by a VEX
///   document given to the run, and with an impact statement for one triaged a false positive;
/// - `affected`, with the remediation as action statement, for an open finding (and one accepted as a risk
///   or not to be fixed, which says so);
/// - `fixed` for a vulnerability the previous run found and this one does not.
///
/// One statement per vulnerability and package, sorted; the document id is derived from the run, so the
/// same run always gives the same bytes.
struct OpenVEXDocument: Encodable {
    enum CodingKeys: String, CodingKey {
        case context = "@context", id = "@id", author, role, timestamp, version, tooling, statements
    }

    let context = "https://openvex.dev/ns/v0.2.0"
    var id: String
    var author: String
    var role: String?
    var timestamp: String
    let version = 1
    var tooling: String
    var statements: [Statement]

    struct Statement: Encodable, Hashable {
        enum CodingKeys: String, CodingKey {
            case vulnerability, products, status, statusNotes = "status_notes", justification
            case impactStatement = "impact_statement", actionStatement = "action_statement"
        }

        var vulnerability: Vulnerability
        var products: [Product]
        var status: String
        var statusNotes: String?
        var justification: String?
        var impactStatement: String?
        var actionStatement: String?
    }

    struct Vulnerability: Encodable, Hashable {
        var name: String
        var description: String?
        var aliases: [String]?
    }

    struct Product: Encodable, Hashable {
        enum CodingKeys: String, CodingKey { case id = "@id", identifiers, subcomponents }
        var id: String
        var identifiers: Identifiers?
        var subcomponents: [Subcomponent]?
    }

    struct Subcomponent: Encodable, Hashable {
        enum CodingKeys: String, CodingKey { case id = "@id", identifiers }
        var id: String
        var identifiers: Identifiers
    }

    struct Identifiers: Encodable, Hashable {
        var purl: String
    }

    init(_ report: RunReport) {
        id = "urn:uuid:" + DeterministicUUID.make("openvex\n\(report.target.name)\n\(report.runID)")
        author = "Unknown Author"
        timestamp = report.finishedAt
        tooling = "\(report.tool.name) \(report.tool.version)"
        statements = Self.statements(report)
    }

    /// The target as OpenVEX's product: a generic package URL of its name, at its commit when known.
    static func product(_ report: RunReport) -> String {
        let name = PackageURLText.encode(report.target.name)
        return "pkg:generic/" + name + (report.target.commit.map { "@" + $0 } ?? "")
    }

    static func statements(_ report: RunReport) -> [Statement] {
        let target = product(report)
        var byKey: [String: Statement] = [:]
        func add(_ statement: Statement, package purl: String) {
            let key = statement.vulnerability.name + "\n" + purl
            // One package in several manifests: affected anywhere is affected.
            if let existing = byKey[key], rank(existing.status) >= rank(statement.status) { return }
            byKey[key] = statement
        }
        for finding in report.findings {
            guard let purl = vulnerablePackage(finding) else { continue }
            var statement = Statement(
                vulnerability: vulnerability(finding), products: [subject(target, purl)], status: "affected",
                statusNotes: finding.location.map { "found in \($0.path)" })
            if let suppression = finding.suppression {
                if suppression.source == .vex {
                    // A document given to the run said so: carried over, with where it was said.
                    let fixed = suppression.reason.hasPrefix(VEXStatement.Status.fixed.rawValue)
                    statement.status = fixed ? "fixed" : "not_affected"
                    statement.justification = suppression.justification?.rawValue
                    if !fixed { statement.impactStatement = suppression.reason }
                } else if let justification = suppression.justification {
                    statement.status = "not_affected"
                    statement.justification = justification.rawValue
                    statement.impactStatement = note(of: suppression)
                } else if suppression.source == .triage, suppression.reason.hasPrefix(TriageStatus.falsePositive.rawValue) {
                    statement.status = "not_affected"
                    statement.impactStatement = "Triaged as a false positive" + (note(of: suppression).map { ": " + $0 } ?? ".")
                } else {
                    statement.actionStatement = "Suppressed (\(suppression.source.rawValue)): \(suppression.reason)"
                        + (suppression.expires.map { ", until \($0)" } ?? "")
                }
            }
            if statement.status == "affected", statement.actionStatement == nil {
                statement.actionStatement = finding.remediation ?? "No fixed version is known: remove or replace the package, or mitigate."
            }
            add(statement, package: purl)
        }
        for finding in report.diff.fixed {
            guard let purl = vulnerablePackage(finding) else { continue }
            add(Statement(vulnerability: vulnerability(finding), products: [subject(target, purl)], status: "fixed",
                          statusNotes: "found by the previous run, not by this one"), package: purl)
        }
        return byKey.keys.sorted().map { byKey[$0]! }
    }

    /// The package a dependency-vulnerability finding is about (its `purl` property).
    static func vulnerablePackage(_ finding: Finding) -> String? {
        guard finding.scanType == .dependency, let purl = finding.properties["purl"], purl.hasPrefix("pkg:") else { return nil }
        return purl
    }

    static func vulnerability(_ finding: Finding) -> Vulnerability {
        var aliases = Set(finding.aliases)
        if let osv = finding.properties["osv_id"] { aliases.insert(osv) }
        aliases.remove(finding.ruleID)
        return Vulnerability(name: finding.ruleID, description: finding.title, aliases: aliases.isEmpty ? nil : aliases.sorted())
    }

    static func subject(_ target: String, _ purl: String) -> Product {
        Product(id: target, identifiers: nil, subcomponents: [Subcomponent(id: purl, identifiers: Identifiers(purl: purl))])
    }

    /// The person's note of a triage verdict (the reason after `status: `), or a VEX suppression's reason.
    static func note(of suppression: Suppression) -> String? {
        let reason = suppression.reason
        if suppression.source == .triage {
            guard let colon = reason.range(of: ": ") else { return nil }
            return String(reason[colon.upperBound...])
        }
        return reason.isEmpty ? nil : reason
    }

    private static func rank(_ status: String) -> Int {
        switch status {
        case "affected": 3
        case "under_investigation": 2
        case "not_affected": 1
        default: 0
        }
    }
}
