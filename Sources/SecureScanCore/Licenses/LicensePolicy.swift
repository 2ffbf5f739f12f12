/// The license policy of `securescan.yml`'s `licenses:` section, evaluated on each component's declared
/// licenses. Several declared licenses are alternatives (dual licensing), so a component is acceptable
/// when one of them is; an SPDX expression is evaluated as written (`OR`: one acceptable alternative,
/// `AND`: every part).
public struct LicensePolicy: Sendable, Hashable {
    /// The rule ids of the findings it raises.
    public static let ruleIDs = ["license/unknown", "license/denied", "license/not-allowed", "license/copyleft"]

    /// SPDX ids that must not be used.
    public var deny: [String] = []
    /// When set, the only SPDX ids that may be used.
    public var allow: [String]?
    /// Severity of a denied (or not allowed) license.
    public var violation: Severity = .high
    /// Severity of a weak or strong copyleft license that is neither denied nor explicitly allowed; nil
    /// turns the check off.
    public var copyleft: Severity? = .low
    /// Severity of a declared license that is not an SPDX id or expression (reported as unknown); nil turns
    /// the check off.
    public var unknown: Severity? = .info

    public init() {}

    /// Findings for one component (none when it declares no license).
    public func evaluate(_ component: Component) -> [Finding.Draft] {
        let declared = component.licenses.compactMap(DeclaredLicense.init)
        guard !declared.isEmpty else { return [] }
        var drafts: [Finding.Draft] = []
        let expressions = declared.compactMap(\.expression)
        if let unknown {
            for case .name(let name) in declared {
                drafts.append(draft(component, rule: "license/unknown", severity: unknown, license: name,
                                    title: "\(component.name) declares a license that is not an SPDX id: \(name)",
                                    detail: "The declared license \"\(name)\" does not match an SPDX license id, name or expression, so no policy can be checked against it. Review the package's license text."))
            }
        }
        guard !expressions.isEmpty else { return drafts }
        let text = expressions.map(\.description).joined(separator: " OR ")
        let denied = Set(deny)
        if !denied.isEmpty, !expressions.contains(where: { $0.isAcceptable(excluding: { denied.contains($0) }) }) {
            drafts.append(draft(component, rule: "license/denied", severity: violation, license: text,
                                title: "\(component.name) is licensed under \(text), which the policy denies",
                                detail: "Every license \(component.name) offers (\(text)) includes one on the deny list (\(deny.joined(separator: ", ")))."))
            return drafts
        }
        if let allow {
            let allowed = Set(allow)
            if !expressions.contains(where: { $0.isAcceptable(excluding: { !allowed.contains($0) }) }) {
                drafts.append(draft(component, rule: "license/not-allowed", severity: violation, license: text,
                                    title: "\(component.name) is licensed under \(text), which is not on the allow list",
                                    detail: "No license \(component.name) offers (\(text)) is made only of allowed licenses (\(allow.joined(separator: ", ")))."))
                return drafts
            }
            if expressions.contains(where: { expression in expression.licenses.allSatisfy { allowed.contains($0) } }) { return drafts }
        }
        let family = expressions.map(\.family).min() ?? .unknown
        if let copyleft, family.isCopyleft {
            let kind = family == .strongCopyleft ? "strong copyleft" : "weak copyleft"
            drafts.append(draft(component, rule: "license/copyleft", severity: copyleft, license: text,
                                title: "\(component.name) is under a \(kind) license: \(text)",
                                detail: "\(text) is a \(kind) license: distributing software that includes \(component.name) can oblige you to publish source code under the same terms. Check how it is linked and shipped."))
        }
        return drafts
    }

    private func draft(_ component: Component, rule: String, severity: Severity, license: String, title: String, detail: String) -> Finding.Draft {
        let version = component.version.isEmpty ? "" : " \(component.version)"
        return Finding.Draft(
            ruleID: rule, severity: severity, title: title,
            description: "\(detail) Declared in \(component.manifestPath) for \(component.name)\(version).",
            location: Location(path: component.manifestPath),
            identity: .license(package: "\(component.ecosystem):\(component.name)", license: license),
            scanType: .dependency,
            properties: ["purl": component.purl, "package": component.name, "license": license, "ecosystem": component.ecosystem])
    }
}
