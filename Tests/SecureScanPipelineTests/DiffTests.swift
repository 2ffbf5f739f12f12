import Foundation
import Synchronization
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners

/// `diff`: a git repository built here, a base and a head commit (a secret added, one removed, a file
/// renamed, a Dockerfile changed), compared with the real git.
@Suite struct DiffTests {
    static let awsKey = "AKIAB3SKCZTKMBF6JDPY"
    static let github = "ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD"
    static let slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
    static let untouchedKey = "AKIAZ7QW4RTY2UIOP3AS"

    /// A repository with two commits, `base` and `head` tags, in a fresh directory.
    struct Repository {
        let root: URL

        static func make() async throws -> Repository {
            let root = try Fixtures.makeTemporaryDirectory()
            let repository = Repository(root: root)
            try await repository.git("init", "-q", "-b", "main")
            try Fixtures.write([
                "app/settings.py": "AWS_ACCESS_KEY_ID = \"\(awsKey)\"\nDEBUG = False\n",
                "app/old.py": "TOKEN = \"\(github)\"\n",
                "lib/untouched.py": "KEY = \"\(untouchedKey)\"\n",
                "Dockerfile": "FROM ubuntu:latest\nRUN apt-get install -y curl\n",
                "README.md": "demo\n",
            ], under: root)
            try await repository.commit("base")
            try await repository.git("tag", "base")
            try await repository.git("mv", "app/settings.py", "app/config.py")
            try await repository.git("rm", "-q", "app/old.py")
            try Fixtures.write([
                "app/new.py": "SLACK = \"\(slack)\"\n",
                "Dockerfile": "FROM ubuntu:22.04\nUSER app\n",
            ], under: root)
            try await repository.commit("head")
            try await repository.git("tag", "head")
            return repository
        }

        func commit(_ message: String) async throws {
            try await git("add", "-A")
            try await git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message)
        }

        @discardableResult
        func git(_ arguments: String...) async throws -> String {
            try await GitRepository.run(Array(arguments), in: root.path)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    func diff(_ repository: Repository, path: String? = nil, base: String = "base", head: String? = "head", full: Bool = false,
              scanners: [String] = ["secrets", "dockerfile"], gate: GatePolicy = GatePolicy(),
              pipeline: Pipeline = Pipeline()) async throws -> ChangeReport {
        try await pipeline.diff(DiffRequest(path: path ?? repository.root.path, base: base, head: head, full: full,
                                            scanners: scanners, gate: gate))
    }

    static func rules(_ findings: [Finding]) -> [String] { findings.map { "\($0.ruleID) \($0.location?.path ?? "-")" }.sorted() }

    @Test func newAndFixedAreExactAndARenameIsNeither() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        let report = try await diff(repository)
        #expect(DiffTests.rules(report.new) == ["secrets/slack-bot-token app/new.py"])
        #expect(DiffTests.rules(report.fixed).contains("secrets/github-pat app/old.py"))
        #expect(DiffTests.rules(report.fixed).contains("dockerfile/latest-tag Dockerfile"))
        #expect(!report.fixed.contains { $0.ruleID == "secrets/aws-access-token" })
        #expect(!report.new.contains { $0.ruleID == "secrets/aws-access-token" })
        #expect(report.new.allSatisfy { $0.change == .new })
        #expect(report.fixed.allSatisfy { $0.change == .fixed })
        #expect(report.changedFiles == 4)
        #expect(report.gate.passed)
        // Unchanged: the renamed file's secret and the Dockerfile's missing HEALTHCHECK, in both versions;
        // the untouched file's secret is not counted, since it was not read.
        #expect(report.unchangedCount == 2)
        #expect(report.base.commit?.count == 40 && report.head.commit?.count == 40)
    }

    @Test func aFullDiffFindsTheSameChangeAndListsUnchangedFindings() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        let changed = try await diff(repository)
        let full = try await diff(repository, full: true)
        #expect(full.new.map(\.fingerprint) == changed.new.map(\.fingerprint))
        #expect(full.fixed.map(\.fingerprint) == changed.fixed.map(\.fingerprint))
        #expect(DiffTests.rules(full.unchanged).contains("secrets/aws-access-token lib/untouched.py"))
        #expect(DiffTests.rules(full.unchanged).contains("secrets/aws-access-token app/config.py"))
        #expect(full.unchangedCount == full.unchanged.count)
    }

    /// Scanners see only the files that differ, on each side, and the base's renamed file at its head path.
    @Test func onlyChangedFilesAreRead() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        let recorder = TreeRecorder()
        let report = try await diff(repository, scanners: ["recorder"], pipeline: Pipeline(scanners: [recorder]))
        #expect(report.scannerRuns.map(\.scanner) == ["recorder"])
        #expect(recorder.trees == [
            ["Dockerfile", "app/config.py", "app/old.py"],
            ["Dockerfile", "app/config.py", "app/new.py"],
        ])
    }

    @Test func theWorkTreeIsTheDefaultHeadWithUntrackedFiles() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        try Fixtures.write(["scratch.py": "X = \"\(DiffTests.untouchedKey.dropLast())Q\"\n"], under: repository.root)
        try Fixtures.write(["app/new.py": "SLACK = None\n"], under: repository.root)
        let report = try await diff(repository, head: nil)
        #expect(report.head.commit == nil && report.head.display == "work tree")
        #expect(DiffTests.rules(report.new) == ["secrets/aws-access-token scratch.py"])
        // The repository's index and status are as they were.
        #expect(try await repository.git("status", "--porcelain") == " M app/new.py\n?? scratch.py\n")
    }

    @Test func theGateJudgesNewFindingsOnly() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        let failing = try await diff(repository, gate: GatePolicy(failOn: .medium, failOnNew: .high))
        #expect(!failing.gate.passed && failing.gate.exitCode == GateExit.gateFailed.rawValue)
        #expect(failing.gate.reasons == ["1 open finding at or above medium", "1 new or reopened finding at or above high"])
        let limited = try await diff(repository, gate: GatePolicy(maxNew: 1))
        #expect(limited.gate.passed)
        let strict = try await diff(repository, gate: GatePolicy(maxNew: 0))
        #expect(strict.gate.reasons == ["1 new or reopened finding, more than the maximum of 0"])
        // The reverse change fixes the Slack token and brings back the old findings.
        let reverse = try await diff(repository, base: "head", head: "base", gate: GatePolicy(failOnNew: .high))
        #expect(DiffTests.rules(reverse.fixed) == ["secrets/slack-bot-token app/new.py"])
        #expect(DiffTests.rules(reverse.new).contains("secrets/github-pat app/old.py"))
        #expect(!reverse.gate.passed)
    }

    /// A new finding silenced by a comment in the change is listed, marked, and does not fail the gate.
    @Test func aCommentInTheChangeSuppressesItsNewFinding() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        try Fixtures.write(["app/new.py": "SLACK = \"\(DiffTests.slack)\"  # securescan:ignore secrets -- a revoked test token\n"], under: repository.root)
        let report = try await diff(repository, head: nil, gate: GatePolicy(failOnNew: .high))
        #expect(report.new.map(\.suppression?.source) == [.inline])
        #expect(report.new.first?.suppression?.reason == "securescan:ignore at app/new.py:1: a revoked test token")
        #expect(report.gate.passed)
        let audited = try await diff(repository, head: nil, gate: GatePolicy(failOnNew: .high, allowInlineSuppressions: false))
        #expect(!audited.gate.passed)
    }

    /// The index is the head: a staged secret is new, an unstaged one is not looked at; in a repository
    /// without commits, everything staged is new.
    @Test func stagedChangesAreJudgedAgainstHEAD() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        try Fixtures.write(["staged.py": "K = \"\(DiffTests.untouchedKey)\"\n", "unstaged.py": "T = \"\(DiffTests.github)\"\n"], under: repository.root)
        try await repository.git("add", "staged.py")
        try Fixtures.write(["staged.py": "K = None  # fixed in the work tree, not in the index\n"], under: repository.root)
        var request = DiffRequest(path: repository.root.path, base: "HEAD", scanners: ["secrets"], gate: GatePolicy(failOnNew: .high))
        request.staged = true
        let report = try await Pipeline().diff(request)
        #expect(DiffTests.rules(report.new) == ["secrets/aws-access-token staged.py"])
        #expect(report.changedFiles == 1 && report.head.display == "staged changes")
        #expect(!report.gate.passed)

        let fresh = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh) }
        try await GitRepository.run(["init", "-q"], in: fresh.path)
        try Fixtures.write(["first.py": "K = \"\(DiffTests.awsKey)\"\n"], under: fresh)
        try await GitRepository.run(["add", "first.py"], in: fresh.path)
        var first = DiffRequest(path: fresh.path, base: "HEAD", scanners: ["secrets"])
        first.staged = true
        #expect(DiffTests.rules(try await Pipeline().diff(first).new) == ["secrets/aws-access-token first.py"])
    }

    @Test func aSubdirectoryIsATargetOfItsOwn() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        let report = try await diff(repository, path: repository.root.appendingPathComponent("app").path, full: false)
        #expect(DiffTests.rules(report.new) == ["secrets/slack-bot-token new.py"])
        #expect(DiffTests.rules(report.fixed) == ["secrets/github-pat old.py"])
        #expect(report.changedFiles == 3)
        let full = try await diff(repository, path: repository.root.appendingPathComponent("app").path, full: true)
        #expect(full.new.map(\.fingerprint) == report.new.map(\.fingerprint))
        #expect(full.fixed.map(\.fingerprint) == report.fixed.map(\.fingerprint))
    }

    @Test func badRefsAndDirectoriesAreClearErrors() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        await #expect(throws: PipelineError.git("unknown git ref 'nope' in \(try TreeWalker.resolveRoot(repository.root.path)): not a branch, tag or commit here")) {
            try await diff(repository, base: "nope")
        }
        await #expect(throws: PipelineError.self) { try await diff(repository, head: "nope") }
        let plain = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: plain) }
        do {
            _ = try await Pipeline().diff(DiffRequest(path: plain.path, base: "main"))
            Issue.record("a directory outside git was diffed")
        } catch {
            #expect(error.description.contains("not a git repository"))
            #expect(error.exitCode == 2)
        }
    }

    @Test func aShallowCloneSaysHowToFetchTheBase() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        let clone = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: clone) }
        try await GitRepository.run(["clone", "-q", "--depth", "1", "file://" + repository.root.path, clone.path + "/c"], in: clone.path)
        do {
            _ = try await Pipeline().diff(DiffRequest(path: clone.path + "/c", base: "HEAD~1", scanners: ["secrets"]))
            Issue.record("a shallow clone's missing base was diffed")
        } catch {
            #expect(error.description.contains("shallow clone"))
            #expect(error.description.contains("fetch-depth: 0"))
        }
    }

    /// The lines a review may comment on: the head side of each hunk, new files whole.
    @Test func changedLinesComeFromTheHunks() async throws {
        let hunks = """
            diff --git a/Dockerfile b/Dockerfile
            --- a/Dockerfile
            +++ b/Dockerfile
            @@ -1,2 +1 @@
            @@ -4,0 +5,3 @@ RUN x
            diff --git a/gone.txt b/gone.txt
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            """
        #expect(GitRepository.parseHunks(hunks) == ["Dockerfile": [1...1, 5...7]])
        let repository = try await Repository.make()
        defer { repository.remove() }
        let report = try await diff(repository)
        #expect(report.changedLines["Dockerfile"] == [1...2])
        #expect(report.changedLines["app/new.py"] == [1...1])
        #expect(report.changedLines["app/config.py"] == nil, "a pure rename changes no line")
    }

    /// A rule file named relative to the target is still found when a scanner runs on the changed files' copy.
    @Test func ruleFilesStayThoseOfTheTarget() async throws {
        let repository = try await Repository.make()
        defer { repository.remove() }
        try Fixtures.write(["rules/r.yml": "rules: []\n",
                            "securescan.yml": "version: 1\nscanner_options:\n  rulescan: {rules: [rules/r.yml, p/ci]}\n"], under: repository.root)
        let recorder = RuleRecorder()
        _ = try await diff(repository, head: nil, scanners: ["rulescan"], pipeline: Pipeline(scanners: [recorder]))
        let root = try TreeWalker.resolveRoot(repository.root.path)
        #expect(recorder.seen == [[root + "/rules/r.yml", "p/ci"], [root + "/rules/r.yml", "p/ci"]])
    }

    @Test func nameStatusOutputIsParsed() throws {
        let output = Array("M\0a b.py\0R096\0old/x.py\0new/x.py\0A\0é.txt\0D\0gone\0C100\0src\0copy\0T\0link\0".utf8)
        let changes = try GitChange.parse(nameStatus: output)
        #expect(changes == [
            GitChange(kind: .modified, basePath: "a b.py", headPath: "a b.py"),
            GitChange(kind: .renamed, basePath: "old/x.py", headPath: "new/x.py"),
            GitChange(kind: .added, basePath: nil, headPath: "é.txt"),
            GitChange(kind: .deleted, basePath: "gone", headPath: nil),
            GitChange(kind: .copied, basePath: "src", headPath: "copy"),
            GitChange(kind: .typeChanged, basePath: "link", headPath: "link"),
        ])
        #expect(throws: PipelineError.git("unexpected end of `git diff --name-status` output")) {
            try GitChange.parse(nameStatus: Array("R100\0only-one\0".utf8))
        }
        #expect(throws: PipelineError.self) { try GitChange.parse(nameStatus: Array("Q\0x\0".utf8)) }
    }
}

/// A scanner that records the paths of the tree it is given, once per scan.
final class TreeRecorder: ScannerAdapter, Sendable {
    let id = "recorder"
    let scanType = ScanType.code
    let summary = "records the files it is given"
    private let seen = Mutex<[[String]]>([])

    var trees: [[String]] { seen.withLock { $0 } }

    func availability() async -> ScannerAvailability { .available(version: "1") }

    func scan(_ target: ScanTarget) async throws -> Observations {
        seen.withLock { $0.append(target.tree.files.map(\.path)) }
        return Observations()
    }
}

/// Records the rule paths its scans were given.
final class RuleRecorder: ScannerAdapter, Sendable {
    let id = "rulescan"
    let scanType = ScanType.code
    let summary = "records its rule files"
    let optionKeys = ["rules"]
    let pathOptionKeys = ["rules"]
    private let rules = Mutex<[[String]]>([])

    var seen: [[String]] { rules.withLock { $0 } }

    func availability() async -> ScannerAvailability { .available(version: "1") }

    func scan(_ target: ScanTarget) async throws -> Observations {
        rules.withLock { $0.append(target.option("rules", of: id)) }
        return Observations()
    }
}
