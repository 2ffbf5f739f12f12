/// A license as a package declares it, classified the way SBOMs need it: an SPDX id, an SPDX expression,
/// or (when it is neither and maps to neither) the name as written.
public enum DeclaredLicense: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case expression(LicenseExpression)
    case name(String)

    /// Classifies free text from a manifest: ids and expressions in any case, full SPDX names,
    /// common aliases (`Apache 2.0`, `GPLv3`) and license URLs become ids; anything else is a name.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if let expression = LicenseExpression(trimmed) {
            if case .license(let id, false) = expression { self = .id(id) } else { self = .expression(expression) }
        } else if let id = SPDXLicenses.id(forName: trimmed) {
            self = .id(id)
        } else {
            self = .name(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .id(let id): id
        case .expression(let expression): expression.description
        case .name(let name): name
        }
    }

    /// As an expression, when it is an id or an expression.
    public var expression: LicenseExpression? {
        switch self {
        case .id(let id): .license(id, orLater: false)
        case .expression(let expression): expression
        case .name: nil
        }
    }

    public var family: LicenseFamily { expression?.family ?? .unknown }
}

extension String {
    /// The text without leading and trailing whitespace (Unicode's definition, newlines included).
    public var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
