import SecureScanCore
import SecureScanStore

/// Errors of the pipeline. The description is the message a user reads.
public enum PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A config file problem at a line and column, naming the key.
    case config(file: String, line: Int?, column: Int?, message: String)
    case configUnreadable(file: String, reason: String)
    case unknownScanner(id: String, known: [String])
    case unknownFormat(id: String, known: [String])
    case target(String)
    /// The run's database, as the store reported it.
    case store(StoreError)
    /// The advisory database exists but cannot be read.
    case vulnerabilityDatabase(file: String, reason: String)
    /// Another process holds a lock this run needs (a batch writing the same store and shard).
    case locked(path: String, reason: String)
    case reports(String)
    case artifacts(path: String, reason: String)
    /// The scan was cancelled before it was stored.
    case cancelled
    /// A git repository, ref or command problem (`diff`), with what to do about it.
    case git(String)
    /// `--publish`: the central server could not be reached, refused the run, or answered what this
    /// version cannot read (the URL, and why).
    case publish(url: String, reason: String)

    public var description: String {
        switch self {
        case .config(let file, let line, let column, let message):
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(position): \(message)"
        case .configUnreadable(let file, let reason): return "cannot read \(file): \(reason)"
        case .unknownScanner(let id, let known): return "unknown scanner '\(id)' (known: \(known.joined(separator: ", ")))"
        case .unknownFormat(let id, let known): return "unknown format '\(id)' (known: \(known.joined(separator: ", ")))"
        case .target(let message): return message
        case .store(let error): return error.description
        case .vulnerabilityDatabase(let file, let reason): return "cannot read the vulnerability database \(file): \(reason)"
        case .locked(_, let reason): return reason
        case .reports(let message): return message
        case .artifacts(let path, let reason): return "cannot write artifacts to \(path): \(reason)"
        case .cancelled: return "Scan cancelled by user"
        case .git(let message): return message
        case .publish(let url, let reason): return "cannot publish the run to \(url): \(reason)"
        }
    }

    /// A pipeline error exits 2: bad options, configuration, target, database or output location are all
    /// problems of how the run was set up, and in each case nothing was written. A shared store that
    /// cannot be reached exits 3, as a scanner that could not run does: the setup may be right and the
    /// server down.
    public var exitCode: Int32 {
        if case .store(.serverUnreachable) = self { return GateExit.scannerError.rawValue }
        if case .publish = self { return GateExit.scannerError.rawValue }
        return GateExit.usageError.rawValue
    }
}
