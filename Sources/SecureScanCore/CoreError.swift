/// Errors of the pure core. The description is the message a user reads.
public enum CoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidPattern(pattern: String, reason: String)
    /// A baseline file that cannot be used, naming the field at fault.
    case baseline(file: String, message: String)
    /// A Known Exploited Vulnerabilities catalog that cannot be read, naming the entry and field.
    case knownExploited(String)
    /// An EPSS score file that cannot be read, naming the line.
    case exploitPrediction(String)

    public var description: String {
        switch self {
        case .invalidPattern(let pattern, let reason):
            "invalid path pattern \"\(pattern)\": \(reason)"
        case .baseline(let file, let message):
            "\(file): \(message)"
        case .knownExploited(let message):
            "not a Known Exploited Vulnerabilities catalog: \(message)"
        case .exploitPrediction(let message):
            "not an EPSS score file: \(message)"
        }
    }
}
