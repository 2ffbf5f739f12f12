import Foundation
import SecureScanCore
import Synchronization

/// Where a report comes from and the tree it describes: paths in it are made relative to ``root``, and
/// flagged lines a report does not quote are read from there.
public struct ReportContext: Sendable {
    /// The report's name in messages (a file path, or `semgrep output`).
    public var source: String
    /// The scanned tree's absolute root, when it is on this machine.
    public var root: String?
    /// A root the tool saw the tree under (a container mount, a CI checkout) that is stripped as well.
    public var foreignRoots: [String]
    /// The manifest or lockfile a dependency audit covered, target-relative, when the report does not say.
    public var manifest: String?
    /// Files already read for flagged lines: a report with thousands of results in one file reads it once.
    private let files = FileLines()

    public init(source: String, root: String? = nil, foreignRoots: [String] = [], manifest: String? = nil) {
        self.manifest = manifest
        self.source = source
        self.root = root.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }
        self.foreignRoots = foreignRoots
    }

    /// An error about this report.
    public func invalid(_ reason: String) -> ScannersError { .invalidReport(source: source, reason: reason) }

    /// A report path as a target-relative one: `file://` URIs decoded, the root (or a foreign root)
    /// removed, Windows separators turned, leading `./` and `/` dropped. A plain path keeps any `%` it has.
    public func relative(_ raw: String) -> String {
        var path = raw
        if path.hasPrefix("file://") {
            path = String(path.dropFirst("file://".count))
            if let host = path.firstIndex(of: "/"), path.first != "/" { path = String(path[host...]) }
            path = path.removingPercentEncoding ?? path
        }
        path = path.replacingOccurrences(of: "\\", with: "/")
        if path.count > 2, path.dropFirst().first == ":", path.first?.isLetter == true { path = String(path.dropFirst(2)) }
        for prefix in ([root].compactMap { $0 } + foreignRoots) where !prefix.isEmpty {
            if path == prefix { return "" }
            if path.hasPrefix(prefix + "/") { path = String(path.dropFirst(prefix.count + 1)); break }
        }
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.hasPrefix("/") { path.removeFirst() }
        return Location.normalize(path: path)
    }

    /// A URI reference (SARIF's `artifactLocation.uri`) as a target-relative path: percent-encoding decoded.
    public func path(ofURI uri: String) -> String {
        uri.hasPrefix("file://") ? relative(uri) : relative(uri.removingPercentEncoding ?? uri)
    }

    /// Lines `from` through `to` (1-based) of a target-relative file, when the tree is here and has it.
    public func lines(of path: String, from: Int, to: Int? = nil) -> String? {
        guard let root, from > 0, !path.isEmpty, !path.split(separator: "/").contains("..") else { return nil }
        guard let all = files.lines(of: root + "/" + path) else { return nil }
        let last = min(max(to ?? from, from), all.count)
        guard from <= last else { return nil }
        return all[(from - 1)..<last].joined(separator: "\n")
    }

    /// The text a code finding is identified by: the report's own snippet when it has a real one, else the
    /// file's lines, else nothing (findings then differ by occurrence only).
    public func codeText(snippet: String?, path: String, from: Int?, to: Int?) -> String {
        if let snippet, !snippet.trimmingWhitespace().isEmpty, snippet != "requires login" { return snippet }
        if let from, let text = lines(of: path, from: from, to: to) { return text }
        return ""
    }
}

/// The lines of files read for a report, kept while the report is parsed.
final class FileLines: Sendable {
    private let cache = Mutex<[String: [Substring]?]>([:])

    /// Nil for a file that is missing, unreadable or over 16 MiB.
    func lines(of path: String) -> [Substring]? {
        if let known = cache.withLock({ $0[path] }) { return known }
        var lines: [Substring]?
        if let data = FileManager.default.contents(atPath: path), data.count <= 16 << 20 {
            lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        }
        cache.withLock { $0[path] = .some(lines) }
        return lines
    }
}
