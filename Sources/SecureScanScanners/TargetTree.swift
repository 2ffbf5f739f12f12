import Crypto
import SecureScanCore

/// The files of a target that scanners read: regular files, within the size cap, not excluded.
public struct TargetTree: Sendable, Hashable {
    /// Sorted by path.
    public var files: [TreeFile]
    /// Why some paths were not included: oversized files, unreadable directories, links not followed, …
    public var notes: [String]
    /// The excludes and size cap the tree was walked with, for scanners that read files from elsewhere
    /// (blobs in git history) and must choose them alike; nil for a tree that was not walked.
    public var walker: TreeWalker?

    public init(files: [TreeFile], notes: [String] = [], walker: TreeWalker? = nil) {
        self.files = files.sorted { $0.path < $1.path }
        self.notes = notes
        self.walker = walker
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.size } }

    /// SHA-256 over every file's path, size and modification time, and the walk's notes (so a file that
    /// became unreadable counts as a change): equal digests mean nothing a scanner reads has changed.
    public var stateDigest: String {
        var hasher = SHA256()
        for file in files {
            hasher.update(data: Array(file.path.utf8) + [0] + Array("\(file.size):\(file.modified)".utf8) + [0x0A])
        }
        for note in notes { hasher.update(data: Array(note.utf8) + [0x0A]) }
        return Array(hasher.finalize()).hexString
    }
}

/// One regular file of the tree.
public struct TreeFile: Sendable, Hashable {
    /// Relative to the target root, `/`-separated.
    public var path: String
    public var size: Int
    /// Last modification time, in nanoseconds since 1970 (0 when unknown): with the size, what tells a
    /// batch that a tree changed since its last run.
    public var modified: Int64
    /// The path's bytes, when ``path`` shows them escaped (a name that is not valid UTF-8 or holds a
    /// control character); nil when ``path`` is the path.
    public var rawPath: [UInt8]?

    public init(path: String, size: Int, modified: Int64 = 0, rawPath: [UInt8]? = nil) {
        self.path = path
        self.size = size
        self.modified = modified
        self.rawPath = rawPath
    }

    /// The bytes that name this file under `root`, to open it with.
    public func absoluteBytes(under root: String) -> [UInt8] {
        Array(root.utf8) + [UInt8(ascii: "/")] + (rawPath ?? Array(path.utf8))
    }

    /// The last path component.
    public var name: Substring {
        guard let slash = path.lastIndex(of: "/") else { return path[...] }
        return path[path.index(after: slash)...]
    }
}
