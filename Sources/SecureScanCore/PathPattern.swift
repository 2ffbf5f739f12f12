/// A path glob in `.gitignore` syntax, matched against target-relative `/`-separated paths.
///
/// - `*` and `?` stay within one path segment, `[a-z]`/`[!a-z]` are character classes, `**` spans
///   any number of segments.
/// - A pattern without an inner `/` matches at any depth (`node_modules` anywhere); one with a `/`
///   (or a leading `/`) is anchored to the target root.
/// - A trailing `/` matches directories only; a leading `!` re-includes (see ``PathPatternSet``).
/// - A directory match covers everything below it.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public let negated: Bool
    let directoryOnly: Bool
    let segments: [[UInt8]]
    /// Per segment: true when it has no glob characters and can be compared byte for byte.
    let literal: [Bool]
    /// `**/<one segment>`: only a path's last segment needs testing.
    let lastSegmentOnly: Bool

    public init(_ pattern: String) throws(CoreError) {
        var text = pattern.trimmingTrailingSpaces()
        description = text
        guard !text.isEmpty else { throw .invalidPattern(pattern: pattern, reason: "empty pattern") }
        negated = text.hasPrefix("!")
        if negated { text.removeFirst() }
        directoryOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text.removeLast() }
        let anchored = text.hasPrefix("/") || text.dropLast().contains("/")
        while text.hasPrefix("/") { text.removeFirst() }
        guard !text.isEmpty else { throw .invalidPattern(pattern: pattern, reason: "matches nothing") }
        var parts = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        if !anchored { parts.insert(Array("**".utf8), at: 0) }
        for part in parts where !PathPattern.classesBalanced(part) {
            throw .invalidPattern(pattern: pattern, reason: "unclosed '[' in \"\(String(decoding: part, as: UTF8.self))\"")
        }
        segments = parts
        literal = parts.map { part in !part.contains { "*?[\\".utf8.contains($0) } }
        lastSegmentOnly = parts.count == 2 && parts[0] == PathPattern.doubleStar && parts[1] != PathPattern.doubleStar
    }

    /// Whether `path` (relative, `/`-separated) is matched, itself or through one of its parent directories.
    public func matches(_ path: String, isDirectory: Bool) -> Bool {
        matches(PathSegments(path), isDirectory: isDirectory, includingParents: true)
    }

    /// - Parameter includingParents: also test each parent directory; a walker that prunes excluded
    ///   directories only needs the entry itself.
    func matches(_ path: PathSegments, isDirectory: Bool, includingParents: Bool) -> Bool {
        let count = path.ranges.count
        guard count > 0 else { return false }
        for length in (includingParents ? 1 : count)...count {
            let prefixIsDirectory = length < count || isDirectory
            if directoryOnly && !prefixIsDirectory { continue }
            if lastSegmentOnly {
                if segmentMatches(1, path.bytes[path.ranges[length - 1]]) { return true }
            } else if match(0, path, 0, length) {
                return true
            }
        }
        return false
    }

    /// Pattern segments from `p` against path segments `t..<end`.
    private func match(_ p: Int, _ path: PathSegments, _ t: Int, _ end: Int) -> Bool {
        guard p < segments.count else { return t == end }
        if segments[p] == PathPattern.doubleStar {
            var next = t
            while true {
                if match(p + 1, path, next, end) { return true }
                guard next < end else { return false }
                next += 1
            }
        }
        guard t < end, segmentMatches(p, path.bytes[path.ranges[t]]) else { return false }
        return match(p + 1, path, t + 1, end)
    }

    private func segmentMatches(_ index: Int, _ text: ArraySlice<UInt8>) -> Bool {
        literal[index] ? text.elementsEqual(segments[index]) : PathPattern.matchSegment(segments[index][...], text)
    }

    private static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var starP: Int? = nil, starT = 0
        while t < text.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p
                    starT = t
                    p += 1
                    continue
                }
                if c == UInt8(ascii: "?") {
                    p += 1
                    t += 1
                    continue
                }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, at: p, byte: text[t]) {
                    if matched {
                        p = next
                        t += 1
                        continue
                    }
                } else if c == UInt8(ascii: "\\"), p + 1 < pattern.endIndex, pattern[p + 1] == text[t] {
                    p += 2
                    t += 1
                    continue
                } else if c == text[t] {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starT += 1
            t = starT
        }
        while p < pattern.endIndex && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// Matches `byte` against the class starting at `start` (a `[`); returns the index after `]`.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, at start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex && (pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^")) {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < pattern.endIndex && pattern[i + 1] == UInt8(ascii: "-") && pattern[i + 2] != UInt8(ascii: "]") {
                if pattern[i] <= byte && byte <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if c == byte { matched = true }
                i += 1
            }
        }
        return nil
    }

    private static func classesBalanced(_ part: [UInt8]) -> Bool {
        var i = 0
        while i < part.count {
            if part[i] == UInt8(ascii: "[") {
                guard matchClass(part[...], at: i, byte: 0) != nil else { return false }
            }
            i += 1
        }
        return true
    }

    private static let doubleStar = Array("**".utf8)
}

/// An ordered list of patterns where the last matching one decides, as in `.gitignore`.
public struct PathPatternSet: Sendable, Hashable {
    public let patterns: [PathPattern]

    public init(_ patterns: [String]) throws(CoreError) {
        var compiled: [PathPattern] = []
        for pattern in patterns { compiled.append(try PathPattern(pattern)) }
        self.patterns = compiled
    }

    public init(compiled: [PathPattern]) { patterns = compiled }

    public var isEmpty: Bool { patterns.isEmpty }

    public func matches(_ path: String, isDirectory: Bool) -> Bool {
        decide(PathSegments(path), isDirectory: isDirectory, includingParents: true)
    }

    /// Like ``matches(_:isDirectory:)`` but tests only the entry, not its parents: for walkers that
    /// never descend into an excluded directory.
    public func matchesEntry(_ path: String, isDirectory: Bool) -> Bool {
        decide(PathSegments(path), isDirectory: isDirectory, includingParents: false)
    }

    private func decide(_ path: PathSegments, isDirectory: Bool, includingParents: Bool) -> Bool {
        var excluded = false
        for pattern in patterns where pattern.matches(path, isDirectory: isDirectory, includingParents: includingParents) {
            excluded = !pattern.negated
        }
        return excluded
    }
}

/// A path's bytes split once into segment ranges, shared by every pattern tested against it.
struct PathSegments {
    let bytes: [UInt8]
    let ranges: [Range<Int>]

    init(_ path: String) {
        bytes = Array(path.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") {
            if index > start { ranges.append(start..<index) }
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        self.ranges = ranges
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        return text
    }
}
