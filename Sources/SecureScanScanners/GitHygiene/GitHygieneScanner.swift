import Foundation
import SecureScanCore

/// `git-hygiene`: files that hold secrets by their nature (`.env`, private keys, credential and
/// service-account files, `.htpasswd`, `wp-config.php`, database dumps, Terraform state) that git commits
/// or would commit, decided with the repository's own ignore rules (`git check-ignore`: every
/// `.gitignore` of the tree, `.git/info/exclude`), and whether each is already tracked. A tree that is
/// not a repository is judged by its `.gitignore` files the same way, through a scratch repository; a
/// project without a top-level `.gitignore` is reported too. The user's global excludes are not applied:
/// they protect one machine, not the repository.
public struct GitHygieneScanner: ScannerAdapter {
    public let id = "git-hygiene"
    public let scanType = ScanType.code
    public let summary = "Secret-bearing files git commits or would commit (.env, keys, credentials, dumps), by the repository's real ignore rules"

    public init() {}

    /// What git tracks and ignores changes without the tree changing (`git rm --cached`, a new ignore rule in
    /// `.git/info/exclude`), so a batch never reuses its results.
    public var reusesResults: Bool { false }

    public func availability() async -> ScannerAvailability {
        guard let version = await GitCommand.version() else {
            return .unavailable(reason: "git is not installed (the ignore rules are git's)", installHint: "apt-get install git")
        }
        return .available(version: "\(ToolInfo.current.version)+git.\(version)")
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        var observations = Observations()
        var candidates: [(file: TreeFile, kind: SensitiveFileKind)] = []
        for file in target.tree.files {
            try Task.checkCancellation()
            if let kind = SensitiveFileKind.of(file, root: target.root) { candidates.append((file, kind)) }
        }
        let repository = try? await GitCommand.invoke(["rev-parse", "--show-toplevel"], in: target.root, environment: Self.repositoryOnly)
        // A target inside a repository (a monorepo's service) is covered by the repository's top-level file.
        let topLevel = repository.map { $0.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) }
        let hasIgnoreFile = target.tree.files.contains { $0.path == ".gitignore" }
            || topLevel.map { FileManager.default.fileExists(atPath: $0 + "/.gitignore") } == true
        if !hasIgnoreFile {
            observations.findings.append(Finding.Draft(
                ruleID: "git-hygiene/missing-gitignore", severity: .low, title: "No .gitignore at the top of the project",
                description: "Nothing keeps local configuration, keys or build output out of the repository: `git add .` commits every file.",
                location: Location(path: ".gitignore"), identity: .code(family: id, text: "missing-gitignore"), cwes: ["CWE-538"],
                remediation: "Add a .gitignore that lists .env files, keys, credentials and build output."))
        }
        guard !candidates.isEmpty else { return observations }
        let paths = candidates.map(\.file.path)
        let tracked: Set<String>
        let ignored: Set<String>
        if repository != nil {
            tracked = Set(try await Self.lines(["ls-files", "-z", "--"] + paths, in: target.root))
            ignored = Set(try await Self.ignored(paths, in: target.root, environment: [:]))
        } else {
            // No repository: the tree's .gitignore files through a scratch repository whose work tree it is.
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("securescan-ignore-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            _ = try await GitCommand.invoke(["init", "-q", scratch], in: "/", environment: Self.repositoryOnly)
            tracked = []
            ignored = Set(try await Self.ignored(paths, in: target.root, environment: ["GIT_DIR": scratch + "/.git", "GIT_WORK_TREE": target.root]))
            observations.notes.append("not a git repository: judged by the tree's .gitignore files")
        }
        for (file, kind) in candidates {
            let isTracked = tracked.contains(file.path)
            if !isTracked && ignored.contains(file.path) { continue }
            observations.findings.append(Finding.Draft(
                ruleID: isTracked ? "git-hygiene/tracked-sensitive-file" : "git-hygiene/unignored-sensitive-file",
                severity: isTracked ? .high : .medium,
                title: isTracked ? "\(kind.label) is committed to the repository" : "\(kind.label) is not ignored by git",
                description: isTracked
                    ? "\(file.path) is tracked by git: whoever can read the repository, its clones and its history can read it. \(kind.risk)"
                    : "\(file.path) matches no ignore rule of the repository, so `git add .` would commit it. \(kind.risk)",
                location: Location(path: file.path), identity: .code(family: id, text: kind.rawValue), cwes: ["CWE-538", "CWE-312"],
                remediation: isTracked
                    ? "Remove it from the index (git rm --cached \(file.path)), add it to .gitignore, rotate what it holds, and purge it from the history."
                    : "Add it (or its pattern) to .gitignore.",
                properties: ["kind": kind.rawValue, "tracked": isTracked ? "true" : "false"]))
        }
        return observations
    }

    /// Only the repository's own configuration and ignore rules: not the user's or the system's.
    static let repositoryOnly = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]

    /// `git check-ignore` over `paths` (exit 1 when none is ignored).
    static func ignored(_ paths: [String], in directory: String, environment: [String: String]) async throws -> [String] {
        let input = Array(paths.joined(separator: "\0").utf8) + [0]
        let variables = repositoryOnly.merging(environment) { $1 }
        let output: ToolRunner.Output
        do {
            output = try await GitCommand.invoke(["check-ignore", "-z", "--stdin", "--no-index"], in: directory, environment: variables, input: input)
        } catch {
            // Exit 1: none of them is ignored.
            if case .toolExited(_, 1, _) = error { return [] }
            throw error
        }
        return output.stdoutText.split(separator: "\0").map(String.init)
    }

    static func lines(_ arguments: [String], in directory: String) async throws -> [String] {
        try await GitCommand.invoke(arguments, in: directory, environment: repositoryOnly).stdoutText.split(separator: "\0").map(String.init)
    }
}
