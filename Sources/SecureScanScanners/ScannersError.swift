/// Errors of the scanners module. The description is the message a user reads.
public enum ScannersError: Error, Sendable, Hashable, CustomStringConvertible {
    case targetMissing(path: String)
    case targetNotDirectory(path: String)
    case targetUnreadable(path: String, reason: String)
    case invalidRegex(pattern: String, offset: Int, message: String)
    case engineUnavailable(engine: String, message: String)
    case toolNotFound(tool: String)
    case toolLaunchFailed(tool: String, reason: String)
    case toolOutputTooLarge(tool: String, limit: Int)
    case toolExited(tool: String, code: Int32, stderr: String)
    case toolKilled(tool: String, signal: Int32)
    case memoryLimitExceeded(tool: String, limit: Int)
    case timedOut(seconds: Double)
    case cancelled
    case invalidManifest(path: String, line: Int?, reason: String)
    /// A tool's report (run here or imported) that cannot be read: the file or tool, and what is wrong.
    case invalidReport(source: String, reason: String)
    /// The scanner cannot run for this target (a missing database, say): the run is skipped, not failed.
    case unavailable(reason: String, installHint: String)

    public var description: String {
        switch self {
        case .targetMissing(let path): "target does not exist: \(path)"
        case .targetNotDirectory(let path): "target is not a directory: \(path)"
        case .targetUnreadable(let path, let reason): "cannot read target \(path): \(reason)"
        case .invalidRegex(let pattern, let offset, let message):
            "invalid regular expression at offset \(offset) (\(message)): \(pattern)"
        case .engineUnavailable(let engine, let message): "\(engine) is unavailable: \(message)"
        case .toolNotFound(let tool): "\(tool) was not found on PATH"
        case .toolLaunchFailed(let tool, let reason): "\(tool) could not be started: \(reason)"
        case .toolOutputTooLarge(let tool, let limit): "\(tool) wrote more than the \(limit)-byte output limit"
        case .toolExited(let tool, let code, let stderr):
            "\(tool) exited with status \(code)" + (stderr.isEmpty ? "" : ": \(stderr)")
        case .toolKilled(let tool, let signal): "\(tool) was killed by signal \(signal)"
        case .memoryLimitExceeded(let tool, let limit): "\(tool) ran out of its \(limit >> 20) MiB memory limit"
        case .timedOut(let seconds): "timed out after \(ScannersError.format(seconds)) s"
        case .cancelled: "cancelled"
        case .invalidManifest(let path, let line, let reason): "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case .invalidReport(let source, let reason): "\(source): \(reason)"
        case .unavailable(let reason, let hint): "\(reason) (\(hint))"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
