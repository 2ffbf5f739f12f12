import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners

/// `scan --history`: secrets in a repository's history, read with the real git from a repository built
/// here (a key committed and deleted, a key still in the tree, a side branch merged and deleted).
@Suite struct HistoryScanTests {
    static let deletedKey = "AKIAB3SKCZTKMBF6JDPY"
    static let keptToken = "ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD"
    static let branchToken = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
    static let vendoredKey = "AKIAZ7QW4RTY2UIOP3AS"

    /// Commits, oldest first: `init`; `add key` (2024-02-01: the AWS key in config/settings.py, a token in
    /// app.py); `edit` (the key's file changed around it); `remove key` (settings.py deleted); a branch
    /// `feature` adding and removing a Slack token, merged with `--no-ff`, then deleted; `vendor` (a key
    /// under node_modules/).
    struct History {
        let root: URL
        var commits: [String: String] = [:]

        static func make() async throws -> History {
            var history = History(root: try Fixtures.makeTemporaryDirectory())
            try await history.git("init", "-q", "-b", "main")
            try Fixtures.write(["README.md": "demo\n"], under: history.root)
            try await history.commit("init", date: "2024-01-01T10:00:00Z")
            try Fixtures.write([
                "config/settings.py": "DEBUG = True\nAWS_ACCESS_KEY_ID = \"\(deletedKey)\"\n",
                "app.py": "TOKEN = \"\(keptToken)\"\n",
            ], under: history.root)
            try await history.commit("add key", date: "2024-02-01T10:00:00Z")
            try Fixtures.write(["config/settings.py": "DEBUG = False\nLOG = 1\nAWS_ACCESS_KEY_ID = \"\(deletedKey)\"\n"], under: history.root)
            try await history.commit("edit", date: "2024-03-01T10:00:00Z")
            try await history.git("rm", "-q", "config/settings.py")
            try await history.commit("remove key", date: "2024-04-01T10:00:00Z")
            try await history.git("checkout", "-q", "-b", "feature")
            try Fixtures.write(["notify.py": "SLACK = \"\(branchToken)\"\n"], under: history.root)
            try await history.commit("feature: notify", date: "2024-05-01T10:00:00Z")
            try await history.git("rm", "-q", "notify.py")
            try await history.commit("feature: drop notify", date: "2024-05-02T10:00:00Z")
            try await history.git("checkout", "-q", "main")
            try await history.git("-c", "user.name=Dev", "-c", "user.email=dev@example.com", "merge", "-q", "--no-ff", "-m", "merge", "feature")
            try await history.git("branch", "-q", "-D", "feature")
            try Fixtures.write(["node_modules/pkg/index.js": "k = \"\(vendoredKey)\"\n"], under: history.root)
            try await history.git("add", "-f", "node_modules")
            try await history.commit("vendor", date: "2024-06-01T10:00:00Z")
            for message in ["init", "add key", "edit", "remove key", "feature: notify"] {
                history.commits[message] = try await history.git("log", "--all", "--format=%H", "--grep=^\(message)$").trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return history
        }

        func commit(_ message: String, date: String) async throws {
            try await git("add", "-A")
            _ = try await GitCommand.invoke(["-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", message],
                                            in: root.path, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        }

        @discardableResult
        func git(_ arguments: String...) async throws -> String {
            try await GitCommand.invoke(Array(arguments), in: root.path).stdoutText
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    func scan(_ path: String, history revisions: [String]? = [], scanners: [String] = ["secrets"]) async throws(PipelineError) -> (ScanOutcome, URL) {
        let output: URL
        do { output = try Fixtures.makeTemporaryDirectory() } catch { throw .target("fixture: \(error)") }
        var request = ScanRequest(path: path, outputRoot: output.path, scanners: scanners, formats: ["json", "sarif"],
                                  vulnerabilityDatabase: output.appendingPathComponent("none").path)
        request.history = revisions
        do {
            return (try await Pipeline().scan(request), output)
        } catch {
            try? FileManager.default.removeItem(at: output)
            throw error
        }
    }

    static func history(_ findings: [Finding]) -> [Finding] { findings.filter { $0.scanner == GitHistoryScanner.scannerID } }

    @Test func aDeletedSecretIsFoundAtTheCommitThatAddedIt() async throws {
        let repository = try await History.make()
        defer { repository.remove() }
        let (outcome, output) = try await scan(repository.root.path)
        defer { try? FileManager.default.removeItem(at: output) }
        let found = HistoryScanTests.history(outcome.report.findings)
        let aws = try #require(found.first { $0.ruleID == "secrets/aws-access-token" })
        // Two blobs of settings.py held it (add, edit): one finding, at the oldest.
        #expect(found.filter { $0.ruleID == "secrets/aws-access-token" }.count == 1)
        #expect(aws.location == Location(path: "config/settings.py", startLine: 2, endLine: 2, startColumn: 22))
        #expect(aws.properties["commit"] == repository.commits["add key"])
        #expect(aws.properties["author_date"] == "2024-02-01T10:00:00Z")
        #expect(aws.description.contains("commit \(repository.commits["add key"]!.prefix(12))"))
        #expect(aws.fingerprint == Fingerprint.compute(
            target: outcome.report.target.name, scanner: "git-history", rule: aws.ruleID, path: "anything",
            identity: .historySecret(valueDigest: SecretDigest.of(Array(HistoryScanTests.deletedKey.utf8)))))
        // Never the value, in any artifact.
        for file in try FileManager.default.subpathsOfDirectory(atPath: output.path) where file.hasSuffix(".json") || file.hasSuffix(".sarif") {
            let text = try String(contentsOfFile: output.appendingPathComponent(file).path, encoding: .utf8)
            #expect(!text.contains(HistoryScanTests.deletedKey))
            #expect(!text.contains(HistoryScanTests.branchToken))
        }
    }

    @Test func aSecretStillInTheTreeIsOneFindingAndExcludedPathsAreNotRead() async throws {
        let repository = try await History.make()
        defer { repository.remove() }
        let (outcome, output) = try await scan(repository.root.path)
        defer { try? FileManager.default.removeItem(at: output) }
        let rules = outcome.report.findings.map { "\($0.scanner) \($0.ruleID) \($0.location?.path ?? "")" }.sorted()
        #expect(rules == [
            "git-history secrets/aws-access-token config/settings.py",
            "git-history secrets/slack-bot-token notify.py",
            "secrets secrets/github-pat app.py",
        ])
        let run = try #require(outcome.report.scannerRuns.first { $0.scanner == "git-history" })
        #expect(run.notes.contains { $0.contains("excluded by path") })
        #expect(run.notes.contains { $0.contains("also in the work tree reported by secrets only") })
    }

    /// A blob the object store lacks (as in a partial clone) is counted in a note, and the rest is read.
    @Test func aMissingBlobIsNotedAndTheRestIsRead() async throws {
        let repository = try await History.make()
        defer { repository.remove() }
        let blob = try await repository.git("rev-parse", "\(repository.commits["add key"]!):app.py").trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(at: repository.root.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"))
        let (outcome, output) = try await scan(repository.root.path, scanners: ["dockerfile"])
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try #require(outcome.report.scannerRuns.first { $0.scanner == "git-history" })
        #expect(run.status == .ran)
        #expect(run.notes.contains { $0.contains("1 not in the local object store (a partial clone)") }, "\(run.notes)")
        #expect(HistoryScanTests.history(outcome.report.findings).map(\.ruleID).sorted() == ["secrets/aws-access-token", "secrets/slack-bot-token"])
    }

    @Test func aBranchMergedAndDeletedIsStillRead() async throws {
        let repository = try await History.make()
        defer { repository.remove() }
        let (outcome, output) = try await scan(repository.root.path, history: ["HEAD"])
        defer { try? FileManager.default.removeItem(at: output) }
        let slack = try #require(HistoryScanTests.history(outcome.report.findings).first { $0.ruleID == "secrets/slack-bot-token" })
        #expect(slack.properties["commit"] == repository.commits["feature: notify"])
    }

    @Test func aRangeReadsOnlyItsCommits() async throws {
        let repository = try await History.make()
        defer { repository.remove() }
        let (outcome, output) = try await scan(repository.root.path, history: ["\(repository.commits["remove key"]!)..HEAD"])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(HistoryScanTests.history(outcome.report.findings).map(\.ruleID) == ["secrets/slack-bot-token"])
    }

    @Test func aSubdirectoryTargetReadsItsOwnHistoryWithItsOwnPaths() async throws {
        let repository = try await History.make()
        defer { repository.remove() }
        try Fixtures.write(["config/logging.ini": "[root]\n"], under: repository.root)
        let (outcome, output) = try await scan(repository.root.appendingPathComponent("config").path, scanners: ["dockerfile"])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(HistoryScanTests.history(outcome.report.findings).map { $0.location?.path } == ["settings.py"])
    }

    @Test func badRevisionsAndNonRepositoriesAreUsageErrors() async throws {
        let repository = try await History.make()
        defer { repository.remove() }
        for (revisions, expected) in [(["no-such-branch"], "unknown revision or range 'no-such-branch'"),
                                      (["--output=/tmp/x"], "'--output=/tmp/x' is not a revision")] {
            do {
                let (_, output) = try await scan(repository.root.path, history: revisions)
                try? FileManager.default.removeItem(at: output)
                Issue.record("\(revisions) was accepted")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
                #expect(error.exitCode == 2)
            }
        }
        let plain = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: plain) }
        do {
            let (_, output) = try await scan(plain.path)
            try? FileManager.default.removeItem(at: output)
            Issue.record("a directory outside git was scanned for history")
        } catch {
            #expect(error.description.contains("is not inside a git work tree"))
        }
    }

    /// Configured rather than asked for, in a tree that is not a repository: skipped with the reason.
    @Test func configuredForATreeWithoutHistoryItIsSkipped() async throws {
        let plain = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: plain) }
        let (outcome, output) = try await scan(plain.path, history: nil, scanners: ["git-history"])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(outcome.report.scannerRuns.first?.status == .skipped)
    }
}
