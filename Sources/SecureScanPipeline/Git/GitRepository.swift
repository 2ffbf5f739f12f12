import Foundation
import SecureScanScanners

/// The git work tree a target lies in, read through the `git` command (run by ``ToolRunner``: no shell).
///
/// Every path this type takes or returns is relative to the target's root, which may be a subdirectory
/// of the work tree; git is always run there, with `--relative` where it reports paths.
struct GitRepository: Sendable {
    /// The scanned target's root (absolute), inside the work tree.
    let root: String
    /// The work tree's top directory.
    let topLevel: String
    /// `root` relative to `topLevel`: empty, or ending in `/`.
    let prefix: String

    /// Git's empty tree, the base of a first commit.
    static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    /// The oldest git whose options this uses (`--end-of-options`, 2.24).
    static var minimumVersion: [Int] { GitCommand.minimumVersion }

    /// The installed git's version (`2.39.5`), nil when there is none.
    static func version() async -> String? { await GitCommand.version() }

    /// Whether `version` is at least ``minimumVersion``.
    static func isRecent(_ version: String) -> Bool { GitCommand.isRecent(version) }

    /// The repository `root` lies in.
    /// - Throws: ``PipelineError/git(_:)`` when git is missing or too old, or `root` is not in a work tree.
    static func open(_ root: String) async throws(PipelineError) -> GitRepository {
        guard let version = await version() else {
            throw .git("git is not installed, and `securescan diff` needs it (Debian: apt-get install git)")
        }
        guard isRecent(version) else {
            throw .git("git \(version) is too old: `securescan diff` needs git \(minimumVersion.map(String.init).joined(separator: ".")) or later")
        }
        let output: [String]
        do {
            output = try await GitRepository.run(["rev-parse", "--show-toplevel", "--show-prefix"], in: root)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } catch {
            throw .git(GitRepository.describe(error, doing: "read the repository of \(root)"))
        }
        guard output.count >= 2, !output[0].isEmpty else { throw .git("\(root) is not inside a git work tree") }
        return GitRepository(root: root, topLevel: output[0], prefix: output[1])
    }

    /// The commit a ref names (a branch, tag, `HEAD~2`, a hash).
    /// - Throws: ``PipelineError/git(_:)`` naming the ref; in a shallow clone the message says how to
    ///   fetch the history the ref needs.
    func commit(_ ref: String) async throws(PipelineError) -> String {
        if let hash = try? await run(["rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"]),
           !hash.isEmpty {
            return hash.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let shallow = (try? await run(["rev-parse", "--is-shallow-repository"]))?.hasPrefix("true") ?? false
        if shallow {
            throw .git("unknown git ref '\(ref)' in \(topLevel), a shallow clone: its history stops before that commit. "
                       + "Fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)")
        }
        throw .git("unknown git ref '\(ref)' in \(topLevel): not a branch, tag or commit here")
    }

    /// What differs under the target's root between `base` and `head` (a commit; nil for the work tree,
    /// where untracked files that are not ignored count as added). Renames and copies git detects (`-M`)
    /// are one change each, with both paths.
    func changes(base: String, head: String?, staged: Bool = false) async throws(PipelineError) -> [GitChange] {
        let arguments = GitRepository.diffArguments(["--name-status", "-z"], base: base, head: head, staged: staged)
        var changes: [GitChange]
        do {
            // Against the work tree, git stats every tracked file and walks every directory for untracked
            // ones: the two run at once.
            async let listed = runBytes(arguments)
            async let untracked = head == nil && !staged ? runBytes(["ls-files", "--others", "--exclude-standard", "-z", "--", "."]) : []
            changes = try GitChange.parse(nameStatus: try await listed)
            changes += try await untracked.split(separator: 0).map { GitChange(kind: .added, basePath: nil, headPath: String(decoding: $0, as: UTF8.self)) }
        } catch let error as ScannersError {
            throw .git(GitRepository.describe(error, doing: "list the changes between \(base) and \(head ?? "the work tree")"))
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .git("\(topLevel): \(error)")
        }
        return changes.sorted { ($0.headPath ?? $0.basePath ?? "") < ($1.headPath ?? $1.basePath ?? "") }
    }

    /// `git diff` between `base` and `head` (a commit, the index when `staged`, else the work tree) under
    /// the target's root, renames detected, no external diff or text conversion.
    static func diffArguments(_ format: [String], base: String, head: String?, staged: Bool) -> [String] {
        ["-c", "core.quotePath=false", "diff"] + format + ["-M", "--no-ext-diff", "--no-textconv", "--relative"]
            + (staged ? ["--cached"] : []) + [base] + (head.map { staged ? [] : [$0] } ?? []) + ["--", "."]
    }

    /// The head-side lines each changed file adds or changes (from `git diff -U0`), for review comments that
    /// may only sit on a pull request's changed lines. Files new to the head (untracked ones too) count whole.
    func changedLines(base: String, head: String?, staged: Bool, changes: [GitChange]) async throws(PipelineError) -> [String: [ClosedRange<Int>]] {
        let arguments = GitRepository.diffArguments(["-U0", "--no-color"], base: base, head: head, staged: staged)
        let output: [UInt8]
        do {
            output = try await runBytes(arguments)
        } catch {
            throw .git(GitRepository.describe(error, doing: "list the changed lines between \(base) and \(head ?? "the work tree")"))
        }
        var lines = GitRepository.parseHunks(String(decoding: output, as: UTF8.self))
        for change in changes where change.kind == .added && lines[change.headPath ?? ""] == nil {
            if let path = change.headPath { lines[path] = [1...Int.max] }
        }
        return lines
    }

    /// `+++ b/path` then `@@ -a,b +c,d @@` hunk headers: the head's lines `c...c+d-1` of each file.
    static func parseHunks(_ diff: String) -> [String: [ClosedRange<Int>]] {
        var result: [String: [ClosedRange<Int>]] = [:]
        var path: String?
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                let name = line.dropFirst(4)
                path = name == "/dev/null" ? nil : String(name.hasPrefix("b/") ? name.dropFirst(2) : name)
            } else if line.hasPrefix("@@ "), let path, let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) {
                let numbers = plus.dropFirst().split(separator: ",").compactMap { Int($0) }
                guard let start = numbers.first else { continue }
                let count = numbers.count > 1 ? numbers[1] : 1
                if count > 0 { result[path, default: []].append(start...(start + count - 1)) }
            }
        }
        return result
    }

    /// Writes the target's files as they are in `commit` under `directory`: every file, or only `paths`.
    /// Never touches the repository's index, work tree or worktree list. A target directory that does not
    /// exist in `commit` gives an empty directory; symbolic links and submodules are not written (the tree
    /// walk skips them in a work tree too).
    func materialize(_ commit: String, paths: [String]?, into directory: String, scratch: String) async throws(PipelineError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .git("cannot create \(directory): \(error.localizedDescription)")
        }
        if let paths {
            try await write(paths, of: commit, into: directory)
        } else {
            try await checkOut(commit, into: directory, scratch: scratch)
        }
    }

    /// A few files: their entries listed (`ls-tree`, which reads only the trees on their paths), then their
    /// blobs read in one `cat-file --batch`. Reading the whole tree into an index would cost as much for a
    /// 10-file change as for a full checkout of a large repository.
    /// The staged versions of `paths` (what the next commit would hold), written under `directory`.
    func materializeIndex(paths: [String], into directory: String) async throws(PipelineError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .git("cannot create \(directory): \(error.localizedDescription)")
        }
        try await write(paths, of: nil, into: directory)
    }

    /// Files of `commit` (nil: the index), listed with `ls-tree` (`ls-files --stage` for the index).
    private func write(_ paths: [String], of commit: String?, into directory: String) async throws(PipelineError) {
        var blobs: [(path: String, object: String, executable: Bool)] = []
        do {
            for chunk in stride(from: 0, to: paths.count, by: 500).map({ Array(paths[$0..<min($0 + 500, paths.count)]) }) {
                let command = commit.map { ["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", $0, "--"] }
                    ?? ["--literal-pathspecs", "ls-files", "--stage", "-z", "--full-name", "--"]
                let listing = try await GitRepository.invoke(
                    command + chunk.map { commit == nil ? $0 : prefix + $0 }, in: root, environment: [:], input: nil).stdout
                for entry in listing.split(separator: 0) {
                    // ls-tree: "<mode> blob <object>\t<path>"; ls-files --stage: "<mode> <object> <stage>\t<path>"
                    guard let tab = entry.firstIndex(of: 0x09) else { continue }
                    let fields = entry[..<tab].split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
                    let path = String(decoding: entry[(tab + 1)...], as: UTF8.self)
                    guard fields.count == 3, fields[0] == "100644" || fields[0] == "100755", path.hasPrefix(prefix) else { continue }
                    let object = commit == nil ? fields[1] : fields[2]
                    guard commit == nil ? fields[2] == "0" : fields[1] == "blob" else { continue }
                    blobs.append((String(path.dropFirst(prefix.count)), object, fields[0] == "100755"))
                }
            }
            guard !blobs.isEmpty else { return }
            let input = Array(blobs.map { $0.object + "\n" }.joined().utf8)
            let output = try await GitRepository.invoke(["cat-file", "--batch"], in: root, environment: [:], input: input, outputLimit: 2 << 30).stdout
            var cursor = output.startIndex
            for blob in blobs {
                // "<object> blob <size>\n<contents>\n"
                guard let newline = output[cursor...].firstIndex(of: 0x0A),
                      let size = output[cursor..<newline].split(separator: 0x20).last.flatMap({ Int(String(decoding: $0, as: UTF8.self)) }),
                      newline + 1 + size <= output.endIndex else {
                    throw PipelineError.git("cannot read \(blob.path) of \(commit ?? "the index"): unexpected `git cat-file --batch` output")
                }
                let file = directory + "/" + blob.path
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: file, contents: Data(output[(newline + 1)..<(newline + 1 + size)]),
                                                     attributes: [.posixPermissions: blob.executable ? 0o755 : 0o644]) else {
                    throw PipelineError.git("cannot write \(file)")
                }
                cursor = newline + 1 + size + 1
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .git(GitRepository.describe(error, doing: "read the changed files of \(commit ?? "the index")"))
        }
    }

    /// The whole tree, through an index file of its own and `checkout-index`.
    private func checkOut(_ commit: String, into directory: String, scratch: String) async throws(PipelineError) {
        let tree = prefix.isEmpty ? commit + "^{tree}" : commit + ":" + prefix.dropLast()
        guard (try? await run(["rev-parse", "--verify", "--quiet", "--end-of-options", tree])) != nil else { return }
        let index = ["GIT_INDEX_FILE": scratch + "/index-\(UUID().uuidString)"]
        defer { try? FileManager.default.removeItem(atPath: index["GIT_INDEX_FILE"]!) }
        do {
            _ = try await GitRepository.run(["read-tree", "--end-of-options", tree], in: topLevel, environment: index)
            let destination = directory.hasSuffix("/") ? directory : directory + "/"
            _ = try await GitRepository.run(["checkout-index", "--all", "--force", "--prefix=" + destination], in: topLevel, environment: index)
        } catch {
            throw .git(GitRepository.describe(error, doing: "read the files of \(commit)"))
        }
    }

    // MARK: - Running git

    func run(_ arguments: [String]) async throws -> String {
        try await GitRepository.run(arguments, in: root)
    }

    func runBytes(_ arguments: [String]) async throws -> [UInt8] {
        try await GitRepository.invoke(arguments, in: root, environment: [:], input: nil).stdout
    }

    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: [UInt8]? = nil) async throws(ScannersError) -> String {
        String(decoding: try await invoke(arguments, in: directory, environment: environment, input: input).stdout, as: UTF8.self)
    }

    /// Git with a stable, non-interactive environment (``GitCommand``).
    static func invoke(_ arguments: [String], in directory: String, environment: [String: String], input: [UInt8]?,
                       outputLimit: Int = 64 << 20) async throws(ScannersError) -> ToolRunner.Output {
        try await GitCommand.invoke(arguments, in: directory, environment: environment, input: input, outputLimit: outputLimit)
    }

    /// A failed git command as a sentence: what was being done, and git's own words.
    static func describe(_ error: any Error, doing what: String) -> String {
        switch error {
        case ScannersError.toolNotFound:
            return "git is not installed, and `securescan diff` needs it (Debian: apt-get install git)"
        case ScannersError.toolExited(_, let code, let stderr):
            let said = GitCommand.message(stderr)
            return "cannot \(what): git exited with \(code)" + (said.isEmpty ? "" : ": " + said)
        default:
            return "cannot \(what): \(error)"
        }
    }
}
