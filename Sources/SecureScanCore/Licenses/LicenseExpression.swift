/// An SPDX license expression (SPDX 2.3 Annex D): license ids, `LicenseRef-` references, `+`, `WITH`
/// exceptions, `AND`, `OR` and parentheses. Operators are read in any case and written in upper case;
/// known ids are written in their canonical case.
public indirect enum LicenseExpression: Sendable, Hashable, CustomStringConvertible {
    /// A license id or `LicenseRef-…`, with `+` for "or any later version".
    case license(String, orLater: Bool)
    case with(LicenseExpression, exception: String)
    case and([LicenseExpression])
    case or([LicenseExpression])

    /// Parses `text`; nil when it is not a valid expression of known ids and references.
    public init?(_ text: String) {
        var parser = LicenseExpressionParser(text)
        guard let expression = parser.parse() else { return nil }
        self = expression
    }

    public var description: String { render(top: true) }

    private func render(top: Bool) -> String {
        switch self {
        case .license(let id, let orLater): return id + (orLater ? "+" : "")
        case .with(let license, let exception): return license.render(top: false) + " WITH " + exception
        case .and(let parts): return wrap(parts.map { $0.render(top: false) }.joined(separator: " AND "), top: top)
        case .or(let parts): return wrap(parts.map { $0.render(top: false) }.joined(separator: " OR "), top: top)
        }
    }

    private func wrap(_ text: String, top: Bool) -> String { top ? text : "(" + text + ")" }

    /// Every license id or reference in the expression (exceptions not included).
    public var licenses: [String] {
        switch self {
        case .license(let id, _): [id]
        case .with(let license, _): license.licenses
        case .and(let parts), .or(let parts): parts.flatMap(\.licenses)
        }
    }

    /// The family that binds a distributor: the least restrictive alternative of an `OR`, the most
    /// restrictive part of an `AND`.
    public var family: LicenseFamily {
        switch self {
        case .license(let id, _): LicenseData.families[id] ?? .unknown
        case .with(let license, _): license.family
        case .and(let parts): parts.map(\.family).max() ?? .unknown
        case .or(let parts): parts.map(\.family).min() ?? .unknown
        }
    }

    /// Whether the expression can be satisfied without any license for which `denied` is true:
    /// an `OR` needs one acceptable alternative, an `AND` needs every part acceptable.
    public func isAcceptable(excluding denied: (String) -> Bool) -> Bool {
        switch self {
        case .license(let id, _): !denied(id)
        case .with(let license, _): license.isAcceptable(excluding: denied)
        case .and(let parts): parts.allSatisfy { $0.isAcceptable(excluding: denied) }
        case .or(let parts): parts.contains { $0.isAcceptable(excluding: denied) }
        }
    }
}
