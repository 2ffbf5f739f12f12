#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SecureScanCore

/// Lists a target's files once per run, for every built-in scanner.
///
/// Never follows a symbolic link (so it can neither leave the target nor loop), skips excluded paths
/// and the usual vendored or generated directories, and leaves out files over the size cap with a note.
public struct TreeWalker: Sendable, Hashable {
    /// Directories that hold other people's code or generated files, skipped unless the config says otherwise.
    public static let defaultExcludes = [
        ".git/", ".hg/", ".svn/", "node_modules/", "bower_components/", "vendor/", ".venv/", "venv/",
        "__pycache__/", ".tox/", ".mypy_cache/", ".pytest_cache/", ".terraform/", ".gradle/", ".idea/",
    ]

    public var excludes: PathPatternSet
    public var maxFileSize: Int

    public init(excludes: PathPatternSet, maxFileSize: Int) {
        self.excludes = excludes
        self.maxFileSize = maxFileSize
    }

    /// Resolves `path` to an absolute, symlink-free directory path.
    public static func resolveRoot(_ path: String) throws(ScannersError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .targetMissing(path: path) }
            throw .targetUnreadable(path: path, reason: TreeWalker.errorText(errno))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .targetNotDirectory(path: path) }
        guard let resolved = realpath(path, nil) else {
            throw .targetUnreadable(path: path, reason: TreeWalker.errorText(errno))
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Walks `root` (absolute, as returned by ``resolveRoot(_:)``).
    public func walk(root: String) throws(ScannersError) -> TargetTree {
        guard let top = opendir(root) else {
            throw .targetUnreadable(path: root, reason: TreeWalker.errorText(errno))
        }
        closedir(top)
        var files: [TreeFile] = []
        var oversized: [String] = []
        var unreadable: [String] = []
        var badNames: [String] = []
        var links = 0
        var special = 0
        var pending: [String] = [""]
        while let relativeDirectory = pending.popLast() {
            let directoryPath = relativeDirectory.isEmpty ? root : root + "/" + relativeDirectory
            guard let handle = opendir(directoryPath) else {
                unreadable.append("\(relativeDirectory)/ (\(TreeWalker.errorText(errno)))")
                continue
            }
            defer { closedir(handle) }
            let directoryDescriptor = dirfd(handle)
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(validatingCString: $0) }
                }
                guard let name else {
                    badNames.append(relativeDirectory.isEmpty ? "." : relativeDirectory)
                    continue
                }
                if name == "." || name == ".." { continue }
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                // Relative to the open directory: no repeated path resolution from the root.
                var info = stat()
                guard fstatat(directoryDescriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    unreadable.append("\(relative) (\(TreeWalker.errorText(errno)))")
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFLNK:
                    links += 1
                case S_IFDIR:
                    if !excludes.matchesEntry(relative, isDirectory: true) { pending.append(relative) }
                case S_IFREG:
                    if excludes.matchesEntry(relative, isDirectory: false) { continue }
                    let size = Int(info.st_size)
                    if size > maxFileSize {
                        oversized.append(relative)
                    } else {
                        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                        files.append(TreeFile(path: relative, size: size, modified: modified))
                    }
                default:
                    special += 1
                }
            }
        }
        var notes: [String] = []
        if !oversized.isEmpty {
            notes.append(TreeWalker.list(oversized, "file", "larger than \(TreeWalker.formatBytes(maxFileSize)) not scanned"))
        }
        if !unreadable.isEmpty { notes.append(TreeWalker.list(unreadable, "path", "could not be read")) }
        if !badNames.isEmpty {
            notes.append(TreeWalker.list(badNames, "directory", "holds names that are not valid UTF-8 (those entries skipped)"))
        }
        if links > 0 { notes.append("\(links) symbolic link\(links == 1 ? "" : "s") not followed") }
        if special > 0 { notes.append("\(special) special file\(special == 1 ? "" : "s") (pipes, sockets, devices) skipped") }
        return TargetTree(files: files, notes: notes, walker: self)
    }

    private static func list(_ items: [String], _ noun: String, _ predicate: String) -> String {
        let sorted = items.sorted()
        let shown = sorted.prefix(5).joined(separator: ", ")
        let more = sorted.count > 5 ? ", and \(sorted.count - 5) more" : ""
        return "\(sorted.count) \(noun)\(sorted.count == 1 ? "" : "s") \(predicate): \(shown)\(more)"
    }

    static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
