/// What `git log --raw -z -m --format=%x01%H %at` says about a history: its commits, and for every blob a
/// commit wrote (added or modified a regular file), the oldest commit that wrote it and the path it had.
struct GitHistoryLog: Sendable, Equatable {
    /// A commit git listed (with `-m`, a merge is listed once per parent and kept once).
    struct Commit: Sendable, Hashable {
        var hash: String
        /// Author time, seconds since 1970.
        var authorTime: Int64
    }

    /// Where a blob first appeared.
    struct Introduction: Sendable, Hashable {
        var blob: String
        var path: String
        /// Index into ``commits``.
        var commit: Int
    }

    var commits: [Commit] = []
    /// One entry per distinct blob, in order of blob id.
    var blobs: [Introduction] = []

    /// The format string the parser expects: a 0x01 byte, the commit hash, a space, the author time.
    static let format = "%x01%H %at"

    /// Parses `git log` output. Git lists newer commits first, so a blob seen again later in the output was
    /// written earlier: the oldest author time wins (a later listing breaks ties, being the older commit).
    /// - Throws: ``ScannersError/invalidReport(source:reason:)`` when the output is not in that shape.
    static func parse(_ output: [UInt8]) throws(ScannersError) -> GitHistoryLog {
        var log = GitHistoryLog()
        var introduced: [String: Introduction] = [:]
        var commitIndex: [String: Int] = [:]
        var current: Int?
        var index = output.startIndex
        let end = output.endIndex

        func field(upTo terminator: UInt8) -> ArraySlice<UInt8>? {
            guard let stop = output[index..<end].firstIndex(of: terminator) else { return nil }
            defer { index = stop + 1 }
            return output[index..<stop]
        }
        func fail(_ reason: String) -> ScannersError { .invalidReport(source: "git log", reason: reason) }

        while index < end {
            switch output[index] {
            case 0x01:
                index += 1
                guard let header = field(upTo: 0), let space = header.firstIndex(of: 0x20),
                      let time = Int64(String(decoding: header[(space + 1)...], as: UTF8.self)) else {
                    throw fail("a commit header without a hash and an author time")
                }
                let hash = String(decoding: header[..<space], as: UTF8.self)
                if let known = commitIndex[hash] {
                    current = known
                } else {
                    commitIndex[hash] = log.commits.count
                    current = log.commits.count
                    log.commits.append(Commit(hash: hash, authorTime: time))
                }
            case 0x0A:
                index += 1
            case UInt8(ascii: ":"):
                // ":<old mode> <new mode> <old blob> <new blob> <status>\0<path>\0"
                guard let meta = field(upTo: 0), let path = field(upTo: 0) else { throw fail("a truncated file entry") }
                guard let commit = current else { throw fail("a file entry before any commit") }
                let parts = meta.dropFirst().split(separator: 0x20)
                guard parts.count >= 5 else { throw fail("a file entry with \(parts.count) fields") }
                let status = parts[4].first ?? 0
                let mode = parts[1]
                // Regular files only: not deletions, symbolic links (120000) or submodules (160000).
                guard status != UInt8(ascii: "D"), mode.elementsEqual("100644".utf8) || mode.elementsEqual("100755".utf8) else { continue }
                let blob = String(decoding: parts[3], as: UTF8.self)
                let entry = Introduction(blob: blob, path: String(decoding: path, as: UTF8.self), commit: commit)
                if let known = introduced[blob], log.commits[known.commit].authorTime < log.commits[commit].authorTime { continue }
                introduced[blob] = entry
            default:
                throw fail("unexpected byte \(output[index]) at offset \(index)")
            }
        }
        log.blobs = introduced.values.sorted { $0.blob < $1.blob }
        return log
    }
}
