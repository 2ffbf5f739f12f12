import SecureScanCore

/// One lockfile or manifest format: which files it reads, and the parse function that turns one into components.
///
/// To add a format: write its parse function in `Dependencies/<Format>.swift` and list it in ``Catalogers/all``.
struct LockfileFormat: Sendable {
    /// Stable id, used in notes and tests.
    let id: String
    /// Whether a file (by name, or by target-relative path for formats that need it) is of this format.
    let matches: @Sendable (_ name: String, _ path: String) -> Bool
    let read: @Sendable (ManifestFile) throws(ScannersError) -> Catalog
    /// For binary databases (an rpm sqlite file): reads the file by its absolute path instead of as text;
    /// the `ManifestFile` it gets has the path and reader but no text.
    let readPath: (@Sendable (_ absolutePath: String, _ file: ManifestFile) throws(ScannersError) -> Catalog)?

    init(id: String, matches: @escaping @Sendable (_ name: String, _ path: String) -> Bool,
         read: @escaping @Sendable (ManifestFile) throws(ScannersError) -> Catalog) {
        self.id = id
        self.matches = matches
        self.read = read
        self.readPath = nil
    }

    /// A format read from its file's path (a binary database).
    init(id: String, matches: @escaping @Sendable (_ name: String, _ path: String) -> Bool,
         readPath: @escaping @Sendable (_ absolutePath: String, _ file: ManifestFile) throws(ScannersError) -> Catalog) {
        self.id = id
        self.matches = matches
        self.read = { file throws(ScannersError) in throw file.invalid("a binary database; read it by path") }
        self.readPath = readPath
    }

    /// A format whose parser either reads the whole file or rejects it.
    init(id: String, matches: @escaping @Sendable (_ name: String, _ path: String) -> Bool,
         parse: @escaping @Sendable (ManifestFile) throws(ScannersError) -> [Component]) {
        self.init(id: id, matches: matches, read: { file throws(ScannersError) in Catalog(components: try parse(file)) })
    }

    /// The components alone, for callers that do not report skipped entries.
    func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        try read(file).components
    }
}

/// What one file yielded: its components, and the entries that were skipped because they were malformed
/// (each naming the field), so one bad entry does not cost the rest of the file.
struct Catalog: Sendable {
    var components: [Component]
    var skipped: [String] = []
    /// What a reader should know about the file as a whole (a lockfile out of sync with its manifest).
    var notes: [String] = []
}

/// A manifest or lockfile being parsed.
struct ManifestFile: Sendable {
    /// Target-relative path.
    let path: String
    let text: String
    /// Reads another file by a path relative to this one's directory (for `-r other.txt` includes);
    /// `nil` when it does not exist, is outside the target, or cannot be read.
    var readRelative: @Sendable (String) -> String? = { _ in nil }
    /// The tree's files matching a glob relative to this one's directory (`packages/*/package.json`), as
    /// paths relative to it, sorted; for workspace globs.
    var findRelative: @Sendable (String) -> [String] = { _ in [] }

    /// `a/b/../c/./d` → `a/c/d`; nil when the path climbs above its starting folder.
    static func resolve(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The error for a malformed file, naming it and, where known, the line or field.
    func invalid(_ reason: String, line: Int? = nil) -> ScannersError {
        .invalidManifest(path: path, line: line, reason: reason)
    }
}
