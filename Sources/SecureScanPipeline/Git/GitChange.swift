/// One file that differs between two states of a git tree, with its path on each side (relative to the
/// target's root): a rename or copy has both, an added file only the head's, a deleted file only the base's.
struct GitChange: Sendable, Hashable {
    enum Kind: String, Sendable {
        case added, modified, deleted, renamed, copied, typeChanged
    }

    var kind: Kind
    var basePath: String?
    var headPath: String?

    /// Parses `git diff --name-status -z`: a status (`M`, `A`, `D`, `T`, `R<score>`, `C<score>`), then
    /// one path, or two for renames and copies, each ended by NUL.
    /// - Throws: ``PipelineError/git(_:)`` on output of another shape.
    static func parse(nameStatus output: [UInt8]) throws(PipelineError) -> [GitChange] {
        var fields = output.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if fields.last == "" { fields.removeLast() }
        var changes: [GitChange] = []
        var index = 0
        func next() throws(PipelineError) -> String {
            guard index < fields.count else { throw .git("unexpected end of `git diff --name-status` output") }
            defer { index += 1 }
            return fields[index]
        }
        while index < fields.count {
            let status = try next()
            switch status.first {
            case "A": changes.append(GitChange(kind: .added, basePath: nil, headPath: try next()))
            case "M": let path = try next(); changes.append(GitChange(kind: .modified, basePath: path, headPath: path))
            case "T": let path = try next(); changes.append(GitChange(kind: .typeChanged, basePath: path, headPath: path))
            case "D": changes.append(GitChange(kind: .deleted, basePath: try next(), headPath: nil))
            case "R": changes.append(GitChange(kind: .renamed, basePath: try next(), headPath: try next()))
            case "C": changes.append(GitChange(kind: .copied, basePath: try next(), headPath: try next()))
            default:
                // U (unmerged) and X (unknown) carry one path; an unmerged file is compared as modified.
                guard status.first == "U" || status.first == "X" else { throw .git("unexpected status '\(status)' in `git diff --name-status` output") }
                let path = try next()
                changes.append(GitChange(kind: .modified, basePath: path, headPath: path))
            }
        }
        return changes
    }
}
