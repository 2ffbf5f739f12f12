/// Where a finding sits in the scanned target: a target-relative path and, when known, a line and column range.
///
/// Lines and columns are 1-based. Location is presentation only: it is never part of a fingerprint.
public struct Location: Sendable, Hashable, Codable {
    /// Relative to the target root, `/`-separated, without a leading `./`.
    public var path: String
    public var startLine: Int?
    public var endLine: Int?
    public var startColumn: Int?
    public var endColumn: Int?

    public init(path: String, startLine: Int? = nil, endLine: Int? = nil, startColumn: Int? = nil, endColumn: Int? = nil) {
        self.path = Location.normalize(path: path)
        self.startLine = startLine
        self.endLine = endLine ?? startLine
        self.startColumn = startColumn
        self.endColumn = endColumn
    }

    /// `path:line`, or the path alone: how reports print a location.
    public var display: String { startLine.map { "\(path):\($0)" } ?? path }

    /// The one path normalization every scanner and importer goes through: `/` separators,
    /// no `./` segments, no repeated or trailing slashes.
    public static func normalize(path: String) -> String {
        if isNormalized(path) { return path }
        var segments: [Substring] = []
        for segment in path.replacingBackslashes().split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }
}

extension Location {
    /// Already in normal form: no backslash, no empty or `.` segment, no leading or trailing slash (the
    /// common case, checked without splitting: stored paths are read back by the thousand).
    static func isNormalized(_ path: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/")
        var beforePrevious: UInt8 = UInt8(ascii: "/")
        for byte in path.utf8 {
            if byte == UInt8(ascii: "\\") { return false }
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") { return false }
                if previous == UInt8(ascii: "."), beforePrevious == UInt8(ascii: "/") { return false }
            }
            beforePrevious = previous
            previous = byte
        }
        if previous == UInt8(ascii: "/") { return path.isEmpty }
        return !(previous == UInt8(ascii: ".") && beforePrevious == UInt8(ascii: "/"))
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        guard contains("\\") else { return self }
        return String(map { $0 == "\\" ? "/" : $0 })
    }
}
