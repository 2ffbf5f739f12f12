/// The files of a target that scanners read: regular files, within the size cap, not excluded.
public struct TargetTree: Sendable, Hashable {
    /// Sorted by path.
    public var files: [TreeFile]
    /// Why some paths were not included: oversized files, unreadable directories, links not followed, …
    public var notes: [String]

    public init(files: [TreeFile], notes: [String] = []) {
        self.files = files.sorted { $0.path < $1.path }
        self.notes = notes
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.size } }
}

/// One regular file of the tree.
public struct TreeFile: Sendable, Hashable {
    /// Relative to the target root, `/`-separated.
    public var path: String
    public var size: Int

    public init(path: String, size: Int) {
        self.path = path
        self.size = size
    }

    /// The last path component.
    public var name: Substring {
        guard let slash = path.lastIndex(of: "/") else { return path[...] }
        return path[path.index(after: slash)...]
    }
}
