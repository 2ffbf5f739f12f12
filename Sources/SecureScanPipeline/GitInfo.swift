import Foundation

/// The commit and branch of a git work tree, read from `.git` without running git.
struct GitInfo: Sendable, Hashable {
    var commit: String?
    var branch: String?

    /// Looks for `.git` at `root` and above; handles `.git` files (worktrees, submodules) and packed refs.
    static func read(root: String) -> GitInfo? {
        var directory = URL(fileURLWithPath: root)
        for _ in 0..<64 {
            let dotGit = directory.appendingPathComponent(".git")
            if let gitDirectory = resolve(dotGit) { return info(gitDirectory: gitDirectory) }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return nil
    }

    private static func resolve(_ dotGit: URL) -> URL? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return dotGit }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
        let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : dotGit.deletingLastPathComponent().appendingPathComponent(path)
    }

    private static func info(gitDirectory: URL) -> GitInfo? {
        guard let head = try? String(contentsOf: gitDirectory.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref:") else { return GitInfo(commit: isHash(head) ? head : nil, branch: nil) }
        let ref = head.dropFirst(4).trimmingCharacters(in: .whitespaces)
        let branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
        // Linked worktrees keep shared refs in the common directory.
        var directories = [gitDirectory]
        if let common = try? String(contentsOf: gitDirectory.appendingPathComponent("commondir"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) {
            directories.append(common.hasPrefix("/") ? URL(fileURLWithPath: common) : gitDirectory.appendingPathComponent(common))
        }
        for directory in directories {
            if let loose = try? String(contentsOf: directory.appendingPathComponent(ref), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), isHash(loose) {
                return GitInfo(commit: loose, branch: branch)
            }
            if let packed = try? String(contentsOf: directory.appendingPathComponent("packed-refs"), encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                    let hash = String(line.prefix(while: { $0 != " " }))
                    if isHash(hash) { return GitInfo(commit: hash, branch: branch) }
                }
            }
        }
        return GitInfo(commit: nil, branch: branch)
    }

    private static func isHash(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
    }
}
