/// Errors of the store. The description is the message a user reads.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case migrationFailed(path: String, reason: String)
    case schemaOutOfDate(path: String)
    case writeFailed(reason: String)
    case readFailed(reason: String)
    case unknownRun(id: String)
    case unknownTarget(name: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .migrationFailed(let path, let reason): "cannot upgrade database \(path): \(reason)"
        case .schemaOutOfDate(let path): "database \(path) was written by an older version; open it once with `securescan scan` to upgrade"
        case .writeFailed(let reason): "cannot save the run: \(reason) (nothing was written)"
        case .readFailed(let reason): "cannot read the database: \(reason)"
        case .unknownRun(let id): "no run with id \(id)"
        case .unknownTarget(let name): "no target named \(name)"
        }
    }
}
