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
        var escapedNames: [String] = []
        var links: [String] = []
        var special: [String] = []
        // Each directory by its shown path and, when that escapes its name, its bytes.
        var pending: [(shown: String, raw: [UInt8]?)] = [("", nil)]
        while let (relativeDirectory, rawDirectory) = pending.popLast() {
            let directoryBytes = Array(root.utf8) + (relativeDirectory.isEmpty ? [] : [UInt8(ascii: "/")] + (rawDirectory ?? Array(relativeDirectory.utf8)))
            guard let handle = (directoryBytes + [0]).withUnsafeBufferPointer({
                $0.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
            }) else {
                unreadable.append("\(relativeDirectory)/ (\(TreeWalker.errorText(errno)))")
                continue
            }
            defer { closedir(handle) }
            let directoryDescriptor = dirfd(handle)
            while let entry = readdir(handle) {
                let nameBytes = withUnsafePointer(to: &entry.pointee.d_name) {
                    $0.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) }
                }
                if nameBytes == [0x2E] || nameBytes == [0x2E, 0x2E] { continue }
                let (name, exact) = FileNameText.display(nameBytes)
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                let raw: [UInt8]? = exact && rawDirectory == nil
                    ? nil : (relativeDirectory.isEmpty ? [] : (rawDirectory ?? Array(relativeDirectory.utf8)) + [UInt8(ascii: "/")]) + nameBytes
                if !exact { escapedNames.append(relative) }
                // Relative to the open directory: no repeated path resolution from the root.
                var info = stat()
                let statted = (nameBytes + [0]).withUnsafeBufferPointer {
                    $0.withMemoryRebound(to: CChar.self) { fstatat(directoryDescriptor, $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) }
                }
                guard statted == 0 else {
                    unreadable.append("\(relative) (\(TreeWalker.errorText(errno)))")
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFLNK:
                    links.append(relative)
                case S_IFDIR:
                    if !excludes.matchesEntry(relative, isDirectory: true) { pending.append((relative, raw)) }
                case S_IFREG:
                    if excludes.matchesEntry(relative, isDirectory: false) { continue }
                    let size = Int(info.st_size)
                    if size > maxFileSize {
                        oversized.append(relative)
                    } else {
                        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                        files.append(TreeFile(path: relative, size: size, modified: modified, rawPath: raw))
                    }
                case S_IFIFO:
                    special.append("\(relative) (a named pipe)")
                case S_IFSOCK:
                    special.append("\(relative) (a socket)")
                default:
                    special.append("\(relative) (a device)")
                }
            }
        }
        var notes: [String] = []
        if !oversized.isEmpty {
            notes.append(TreeWalker.list(oversized, "file", "larger than \(TreeWalker.formatBytes(maxFileSize)) not scanned"))
        }
        if !unreadable.isEmpty { notes.append(TreeWalker.list(unreadable, "path", "could not be read")) }
        if !escapedNames.isEmpty {
            notes.append(TreeWalker.list(escapedNames, "name", "not valid UTF-8 or holding control characters, read and shown with those bytes as %XX"))
        }
        if !links.isEmpty { notes.append(TreeWalker.list(links, "symbolic link", "not followed")) }
        if !special.isEmpty { notes.append(TreeWalker.list(special, "special file", "skipped")) }
        return TargetTree(files: files, notes: notes, walker: self)
    }

    private static func list(_ items: [String], _ noun: String, _ predicate: String) -> String {
        let sorted = items.sorted()
        let shown = sorted.prefix(5).map(TreeWalker.shortened).joined(separator: ", ")
        let more = sorted.count > 5 ? ", and \(sorted.count - 5) more" : ""
        return "\(sorted.count) \(noun)\(sorted.count == 1 ? "" : "s") \(predicate): \(shown)\(more)"
    }

    /// A path as a note shows it: whole up to 160 characters, else its start and end around the count.
    static func shortened(_ path: String) -> String {
        guard path.count > 160 else { return path }
        return "\(path.prefix(80))…(\(path.count) characters)…\(path.suffix(60))"
    }

    static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
