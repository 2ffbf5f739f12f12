import SecureScanCore

/// One lockfile or manifest format: which files it reads, and the parse function that turns one into components.
///
/// To add a format: write its parse function in `Dependencies/<Format>.swift` and list it in ``Catalogers/all``.
struct LockfileFormat: Sendable {
    /// Stable id, used in notes and tests.
    let id: String
    /// Whether a file (by name, or by target-relative path for formats that need it) is of this format.
    let matches: @Sendable (_ name: String, _ path: String) -> Bool
    let parse: @Sendable (ManifestFile) throws(ScannersError) -> [Component]
}

/// A manifest or lockfile being parsed.
struct ManifestFile: Sendable {
    /// Target-relative path.
    let path: String
    let text: String
    /// Reads another file by a path relative to this one's directory (for `-r other.txt` includes);
    /// `nil` when it does not exist, is outside the target, or cannot be read.
    var readRelative: @Sendable (String) -> String? = { _ in nil }

    /// The error for a malformed file, naming it and, where known, the line or field.
    func invalid(_ reason: String, line: Int? = nil) -> ScannersError {
        .invalidManifest(path: path, line: line, reason: reason)
    }
}
