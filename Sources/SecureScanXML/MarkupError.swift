/// Why an XML document or schema could not be read or did not validate.
public enum MarkupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not well-formed XML (or too large or too deep for the parser's limits).
    case malformed(line: Int?, reason: String)
    /// The schema file itself could not be read or compiled.
    case schema(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let line, let reason): "\(line.map { "line \($0): " } ?? "")\(reason)"
        case .schema(let path, let reason): "schema \(path): \(reason)"
        }
    }
}
