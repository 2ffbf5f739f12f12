/// Errors of the report renderers. The description is the message a user reads.
public enum ReportsError: Error, Sendable, Hashable, CustomStringConvertible {
    case templatesNotFound(searched: [String])
    case templateInvalid(file: String, reason: String)
    case templateMissing(name: String, directory: String)
    case encodingFailed(format: String, reason: String)
    case keyInvalid(file: String, expected: String)
    case signingFailed(reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .templatesNotFound(let searched):
            "report templates not found (looked in \(searched.joined(separator: ", "))); pass --templates DIR"
        case .templateInvalid(let file, let reason): "template \(file) is invalid: \(reason)"
        case .templateMissing(let name, let directory): "template \(name).mustache is missing from \(directory)"
        case .encodingFailed(let format, let reason): "cannot write \(format): \(reason)"
        case .keyInvalid(let file, let expected): "\(file) is not \(expected)"
        case .signingFailed(let reason): "cannot sign the manifest: \(reason)"
        case .writeFailed(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
