/// The process exit codes of `securescan`, documented in the README. Chosen only at the edges.
public enum GateExit: Int32, Sendable, Hashable, Codable {
    case passed = 0
    case gateFailed = 1
    case usageError = 2
    case scannerError = 3
}
