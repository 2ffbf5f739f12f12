import Foundation
import SecureScanReports
import Testing
import TestSupport

/// The `securescan` binary as users run it: exit codes, stdout/stderr discipline, error messages.
@Suite(.serialized) struct CommandLineTests {
    /// The built executable, next to the test bundle.
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("securescan"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("securescan"),
            Fixtures.repositoryRoot.appendingPathComponent(".build/debug/securescan"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    final class DataBox: @unchecked Sendable {
        var data = Data()
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary to completion on threads of its own (never blocking the test pool or dispatch's).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, asUser: String? = nil,
        binary: URL = CommandLineTests.binary, wrapper: [String] = []
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result {
                    let process = Process()
                    if let asUser {
                        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
                        process.arguments = ["--reuid=\(asUser)", "--regid=\(asUser)", "--clear-groups", binary.path] + arguments
                    } else if let program = wrapper.first {
                        process.executableURL = URL(fileURLWithPath: program)
                        process.arguments = Array(wrapper.dropFirst()) + [binary.path] + arguments
                    } else {
                        process.executableURL = binary
                        process.arguments = arguments
                    }
                    var env = ProcessInfo.processInfo.environment
                    env["SECURESCAN_TEMPLATES"] = Fixtures.repositoryRoot.appendingPathComponent("templates").path
                    // Never the developer's own vulnerability database: tests that want one pass --vuln-db.
                    env["SECURESCAN_VULNDB"] = "/nonexistent/securescan-test-vulndb"
                    for (key, value) in environment { env[key] = value }
                    process.environment = env
                    if let directory { process.currentDirectoryURL = directory }
                    let out = Pipe(), err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    try process.run()
                    // Drain stderr on another thread so neither pipe can fill up and stall the child.
                    let stderrBox = DataBox()
                    let group = DispatchGroup()
                    group.enter()
                    Thread {
                        stderrBox.data = err.fileHandleForReading.readDataToEndOfFile()
                        group.leave()
                    }.start()
                    let outData = out.fileHandleForReading.readDataToEndOfFile()
                    group.wait()
                    let errData = stderrBox.data
                    process.waitUntilExit()
                    return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                  stderr: String(decoding: errData, as: UTF8.self))
                })
            }.start()
        }
    }

    /// Runs another program to completion (a helper a test needs, not the binary under test).
    static func runTool(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func theBinaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build it first: swift build")
    }

    @Test func jsonGoesToStdoutAloneAndHumanOutputToStderr() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await Self.run(["scan", DemoApp.url.path, "--output", output.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        for key in ["run_id", "target", "artifacts_dir", "counts", "diff", "scanners", "gate"] { #expect(object[key] != nil, "\(key)") }
        #expect((object["gate"] as! [String: Any])["exit_code"] as? Int == 0)
        #expect(result.stderr.contains("Open findings"))
        #expect(result.stderr.contains("Gate: passed"))
        let artifacts = URL(fileURLWithPath: object["artifacts_dir"] as! String)
        for name in ["findings.json", "findings.sarif", "diff.json", "summary.md", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: artifacts.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func theGateSetsTheExitCode() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let failing = try await Self.run(["scan", DemoApp.url.path, "--output", output.path, "--fail-on", "high"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("Gate: FAILED (exit 1)"))
        let newOnly = try await Self.run(["scan", DemoApp.url.path, "--output", output.path, "--fail-on-new", "low"])
        #expect(newOnly.status == 0, "second run: nothing new")
        let limited = try await Self.run(["scan", DemoApp.url.path, "--output", output.path, "--max-findings", "3"])
        #expect(limited.status == 1)
    }

    /// `diff` in a pull request's situation: a repository with no stored history, a base branch and the
    /// work tree. The gate counts what the change brings; stdout holds only the JSON result.
    @Test func diffGatesAChangeWithoutStoredHistory() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        func git(_ arguments: String...) async throws {
            let result = try await Self.run(Array(arguments), directory: root, binary: URL(fileURLWithPath: "/usr/bin/git"))
            #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        }
        try Fixtures.write(["old.py": "TOKEN = \"ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD\"\n"], under: root)
        try await git("init", "-q", "-b", "main")
        try await git("add", "-A")
        try await git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "base")
        let clean = try await Self.run(["diff", root.path, "--base", "main", "--fail-on-new", "high", "--json"])
        #expect(clean.status == 0, "\(clean.stderr)")
        try Fixtures.write(["new.py": "KEY = \"AKIAB3SKCZTKMBF6JDPY\"\n"], under: root)
        let result = try await Self.run(["diff", root.path, "--base", "main", "--fail-on-new", "high", "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["kind"] as? String == "securescan-change")
        // The repository has no .gitignore on either side: unchanged.
        #expect((object["counts"] as? [String: Int]) == ["new": 1, "fixed": 0, "unchanged": 1])
        #expect(((object["new"] as? [[String: Any]])?.first?["rule_id"]) as? String == "secrets/aws-access-token")
        #expect(!result.stdout.contains("AKIAB3SKCZTKMBF6JDPY"))
        #expect(result.stderr.contains("Gate: FAILED (exit 1)"))
        let artifacts = root.appendingPathComponent("ci").path
        let written = try await Self.run(["diff", root.path, "--base", "main", "--output", artifacts,
                                          "--format", "sarif,junit,gitlab-codequality,github-pr-comment,csv"],
                                         environment: ["GITHUB_REPOSITORY": "acme/app", "GITHUB_SHA": "feedbeef"])
        #expect(written.status == 0, "\(written.stderr)")
        for name in ["findings.sarif", "findings.junit.xml", "gl-code-quality-report.json", "pr-comment.md", "findings.csv"] {
            #expect(FileManager.default.fileExists(atPath: artifacts + "/" + name), "\(name)")
        }
        let comment = try String(contentsOfFile: artifacts + "/pr-comment.md", encoding: .utf8)
        #expect(comment.contains("https://github.com/acme/app/blob/feedbeef/new.py#L1"))
        let sarif = try String(contentsOfFile: artifacts + "/findings.sarif", encoding: .utf8)
        #expect(sarif.contains("\"baselineState\" : \"new\""))
        let again = try await Self.run(["diff", root.path, "--base", "main", "--output", artifacts, "--json"])
        #expect(again.stdout.contains("\"changed_files\" : 1"), "the artifacts inside the tree are not part of the change")
        let annotated = try await Self.run(["diff", root.path, "--base", "main", "--output", artifacts, "--annotations"])
        #expect(annotated.stdout.hasPrefix("::error file=new.py,line=1,endLine=1,col="), "\(annotated.stdout)")
        let needsOutput = try await Self.run(["diff", root.path, "--base", "main", "--format", "junit"])
        #expect(needsOutput.status == 2 && needsOutput.stderr.contains("--format needs --output"))
        let unknown = try await Self.run(["diff", root.path, "--base", "no-such-branch"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown git ref 'no-such-branch'"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("output").path), "diff stores nothing it is not asked to")
    }

    /// The published pre-commit hook (`.pre-commit-hooks.yaml`), installed by a real pre-commit from PyPI:
    /// a commit that stages a secret is blocked; one that stages harmless code goes through, whatever

    /// `db check-store`: an SQLite file or a PostgreSQL server (a throwaway cluster): schema brought up to
    /// date, read-only checks, exit 3 for a refused login, 2 for a password on the command line.
    @Test func checkStoreReachesSQLiteAndPostgreSQL() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("runs.db").path
        let missing = try await Self.run(["db", "check-store", "--database", file, "--read-only"])
        #expect(missing.status == 2, "\(missing.stderr)")
        let sqlite = try await Self.run(["db", "check-store", "--database", file])
        #expect(sqlite.status == 0 && sqlite.stdout.hasPrefix("SQLite store \(file): schema current ("), "\(sqlite.stderr)")

        let cluster = try PostgresCluster.start()
        defer { cluster.stop() }
        let created = try await Self.run(["db", "check-store", "--database", cluster.url], environment: cluster.environment)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("PostgreSQL store \(cluster.url): schema current (12 migrations"))
        #expect(created.stdout.contains("password from PGPASSWORD") && !created.stdout.contains(cluster.password))
        let viaEnvironment = try await Self.run(["db", "check-store", "--read-only"],
                                                environment: ["SECURESCAN_DATABASE_URL": cluster.url, "PGPASSWORD": cluster.password])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        let refused = try await Self.run(["db", "check-store", "--database", cluster.url], environment: ["PGPASSWORD": "not-the-password-42"])
        #expect(refused.status == 3 && refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("not-the-password-42"))
        let onCommandLine = try await Self.run(["db", "check-store", "--database",
                                                "postgres://securescan:\(cluster.password)@127.0.0.1:\(cluster.port)/securescan"])
        #expect(onCommandLine.status == 2 && !onCommandLine.stderr.contains(cluster.password), "\(onCommandLine.stderr)")
    }

    /// Every command that uses the run store works on a PostgreSQL store: two runners with fresh output
    /// folders scan into one database (the second gated against the first's findings), and `history`,
    /// `keys` and `prune` read and change what both wrote. The password is never printed.
    @Test func aSharedPostgreSQLStoreServesEveryCommand() async throws {
        let cluster = try PostgresCluster.shared()
        let url = try cluster.makeDatabase()
        let shared = ["SECURESCAN_DATABASE_URL": url, "PGPASSWORD": cluster.password]
        let first = try Fixtures.makeTemporaryDirectory(), second = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let scan = try await Self.run(["scan", DemoApp.url.path, "--output", first.path, "--json"], environment: shared)
        #expect(scan.status == 0, "\(scan.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as! [String: Any]
        #expect(object["database"] as? String == url)
        #expect(!FileManager.default.fileExists(atPath: first.appendingPathComponent("securescan.db").path), "an SQLite file was written too")
        // Another runner, nothing on its disk: every finding is already known to the shared store.
        let gated = try await Self.run(["scan", DemoApp.url.path, "--output", second.path, "--json", "--fail-on-new", "info"],
                                       environment: shared)
        #expect(gated.status == 0, "\(gated.stderr)")
        let again = try JSONSerialization.jsonObject(with: Data(gated.stdout.utf8)) as! [String: Any]
        #expect((again["diff"] as? [String: Any])?["new"] as? Int == 0)
        #expect(again["base_run_id"] as? String == object["run_id"] as? String)
        let history = try await Self.run(["history", "--json"], environment: shared)
        #expect(history.status == 0, "\(history.stderr)")
        let runs = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as! [[String: Any]]
        #expect(runs.count == 2)
        let created = try await Self.run(["keys", "create", "--name", "ci", "--scope", "write"], environment: shared)
        #expect(created.status == 0 && created.stderr.contains("created in \(url)"), "\(created.stderr)")
        let listed = try await Self.run(["keys", "list"], environment: shared)
        #expect(listed.status == 0 && listed.stdout.contains("ci"), "\(listed.stderr)")
        let pruned = try await Self.run(["prune", "--keep", "1", "--output", second.path], environment: shared)
        #expect(pruned.status == 0 && pruned.stdout.contains("removed 1 run"), "\(pruned.stdout) \(pruned.stderr)")
        // The runner that scanned is gone: the store keeps the run's files, and any host writes them out.
        let kept = try #require(again["run_id"] as? String)
        try FileManager.default.removeItem(at: second)
        let folder = first.appendingPathComponent("exported")
        let exported = try await Self.run(["export", kept, "--to", folder.path], environment: shared)
        #expect(exported.status == 0 && exported.stderr.contains("Exported 1 run"), "\(exported.stdout) \(exported.stderr)")
        let verified = try await Self.run(["verify", folder.path])
        #expect(verified.status == 0, "\(verified.stdout)")
        let again2 = try await Self.run(["export", kept, "--to", folder.path], environment: shared)
        #expect(again2.status == 2 && again2.stderr.contains("not empty"), "\(again2.stderr)")
        let site = first.appendingPathComponent("site")
        let written = try await Self.run(["export", "--site", site.path, "--json"], environment: shared)
        #expect(written.status == 0, "\(written.stderr)")
        let target = try #require((again["target"] as? [String: Any])?["name"] as? String ?? again["target"] as? String)
        for path in ["index.html", "\(target)/index.html", "\(target)/latest/report.html", "\(target)/\(kept)/manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path) was not exported")
        }
        #expect(try await Self.run(["verify", site.appendingPathComponent("\(target)/latest").path]).status == 0)
        for result in [scan, gated, history, created, listed, pruned, exported, written] {
            #expect(!result.stdout.contains(cluster.password) && !result.stderr.contains(cluster.password))
        }
        // A server nobody listens on: exit 3, naming it.
        let closed = "postgres://securescan@127.0.0.1:\(try LoopbackPort.free())/securescan?sslmode=disable"
        let unreachable = try await Self.run(["scan", DemoApp.url.path, "--output", first.path, "--database", closed],
                                             environment: ["PGPASSWORD": cluster.password])
        #expect(unreachable.status == 3 && unreachable.stderr.contains(closed) && unreachable.stderr.contains("Connection refused"),
                "\(unreachable.stderr)")
    }

    /// `db migrate-store`: a host's SQLite store moved up to a PostgreSQL server, where the next scan
    /// continues its history; a second copy into the same server is refused.
    @Test func migrateStoreMovesAFileStoreUpToAServer() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let scan = try await Self.run(["scan", DemoApp.url.path, "--output", output.path])
        #expect(scan.status == 0, "\(scan.stderr)")
        let created = try await Self.run(["keys", "create", "--name", "ci", "--output", output.path])
        #expect(created.status == 0, "\(created.stderr)")
        let cluster = try PostgresCluster.shared()
        let url = try cluster.makeDatabase()
        let file = output.appendingPathComponent("securescan.db").path
        let moved = try await Self.run(["db", "migrate-store", "--from", file, "--to", url, "--json"], environment: cluster.environment)
        #expect(moved.status == 0, "\(moved.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as! [String: Any]
        let rows = result["rows"] as! [String: Int]
        #expect(rows["runs"] == 1 && rows["api_keys"] == 1 && (rows["findings"] ?? 0) > 0)
        #expect(moved.stderr.contains("every table's count matches"))
        #expect(moved.stderr.contains("kept the artifact files of 1 run"), "\(moved.stderr)")
        let next = try await Self.run(["scan", DemoApp.url.path, "--output", output.path, "--database", url, "--json"], environment: cluster.environment)
        #expect(next.status == 0, "\(next.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as! [String: Any]
        #expect((object["diff"] as? [String: Any])?["new"] as? Int == 0, "the server did not continue the file's history")
        let again = try await Self.run(["db", "migrate-store", "--from", file, "--to", "env"],
                                       environment: ["SECURESCAN_DATABASE_URL": url, "PGPASSWORD": cluster.password])
        #expect(again.status == 2 && again.stderr.contains("is not empty (targets has 1 row)"), "\(again.stderr)")
    }

    /// `scan --history` and `--history=RANGE`: a key committed, then deleted, is found with its commit.
    @Test func historyScanningFromTheCommandLine() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        func git(_ arguments: String...) async throws -> String {
            let result = try await Self.run(["-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments, directory: root,
                                            binary: URL(fileURLWithPath: "/usr/bin/git"))
            #expect(result.status == 0, "git \(arguments): \(result.stderr)")
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try await git("init", "-q", "-b", "main")
        try Fixtures.write(["settings.py": "KEY = \"AKIAB3SKCZTKMBF6JDPY\"\n"], under: root)
        _ = try await git("add", "-A")
        _ = try await git("commit", "-q", "-m", "add key")
        let added = try await git("rev-parse", "HEAD")
        _ = try await git("rm", "-q", "settings.py")
        try Fixtures.write(["app.py": "print(1)\n"], under: root)
        _ = try await git("add", "-A")
        _ = try await git("commit", "-q", "-m", "remove key")
        let output = root.appendingPathComponent("out").path
        let whole = try await Self.run(["scan", root.path, "--history", "--scanners", "secrets", "--output", output, "--json", "--fail-on", "critical"])
        #expect(whole.status == 1, "\(whole.stderr)")
        #expect(whole.stderr.contains("settings.py:1@\(added.prefix(10))"), "\(whole.stderr)")
        #expect(!whole.stdout.contains("AKIAB3SKCZTKMBF6JDPY") && !whole.stderr.contains("AKIAB3SKCZTKMBF6JDPY"))
        let recent = try await Self.run(["scan", root.path, "--history=HEAD~1..HEAD", "--scanners", "secrets", "--output", output, "--json"])
        #expect(recent.status == 0, "\(recent.stderr)")
        #expect(recent.stderr.contains("git-history: ran, 0 findings"), "\(recent.stderr)")
        let unknown = try await Self.run(["scan", root.path, "--history=no-such..HEAD", "--output", output])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown revision or range 'no-such..HEAD'"), "\(unknown.stderr)")
        let staged = try await Self.run(["scan", root.path, "--history", "--staged"])
        #expect(staged.status == 2)
    }
    /// the work tree holds.
    @Test func thePreCommitHookBlocksACommitWithAStagedSecret() async throws {
        let preCommit = Fixtures.repositoryRoot.appendingPathComponent(".venv/bin/pre-commit")
        try #require(FileManager.default.isExecutableFile(atPath: preCommit.path), "make setup installs pre-commit")
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let hooks = root.appendingPathComponent("hooks"), project = root.appendingPathComponent("project")
        let environment = ["PATH": Self.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                           "PRE_COMMIT_HOME": root.appendingPathComponent("cache").path,
                           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"]
        func run(_ executable: String, _ arguments: [String], in directory: URL) async throws -> Result {
            try await Self.run(arguments, environment: environment, directory: directory, binary: URL(fileURLWithPath: executable))
        }
        // The hooks repository: this repository's hook file, committed.
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"),
                                         to: hooks.appendingPathComponent(".pre-commit-hooks.yaml"))
        _ = try await run("/usr/bin/git", ["init", "-q"], in: hooks)
        _ = try await run("/usr/bin/git", ["add", "-A"], in: hooks)
        _ = try await run("/usr/bin/git", ["commit", "-q", "-m", "hooks"], in: hooks)
        let rev = try await run("/usr/bin/git", ["rev-parse", "HEAD"], in: hooks).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        try Fixtures.write([
            ".pre-commit-config.yaml": "repos:\n  - repo: \(hooks.path)\n    rev: \(rev)\n    hooks:\n      - id: securescan\n",
            "app.py": "print('hello')\n",
        ], under: project)
        _ = try await run("/usr/bin/git", ["init", "-q"], in: project)
        let installed = try await run(preCommit.path, ["install"], in: project)
        #expect(installed.status == 0, "\(installed.stdout)\(installed.stderr)")
        _ = try await run("/usr/bin/git", ["add", "-A"], in: project)
        let clean = try await run("/usr/bin/git", ["commit", "-q", "-m", "first"], in: project)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")

        try Fixtures.write(["settings.py": "AWS_ACCESS_KEY_ID = \"AKIAB3SKCZTKMBF6JDPY\"\n"], under: project)
        _ = try await run("/usr/bin/git", ["add", "settings.py"], in: project)
        let blocked = try await run("/usr/bin/git", ["commit", "-q", "-m", "add settings"], in: project)
        #expect(blocked.status != 0)
        #expect((blocked.stdout + blocked.stderr).contains("secrets/aws-access-token"), "\(blocked.stdout)\(blocked.stderr)")
        #expect(!(blocked.stdout + blocked.stderr).contains("AKIAB3SKCZTKMBF6JDPY"), "never the secret itself")

        // Unstaging the secret and staging harmless code: the untracked secret in the work tree does not block.
        _ = try await run("/usr/bin/git", ["reset", "-q", "settings.py"], in: project)
        try Fixtures.write(["app.py": "print('hello again')\n"], under: project)
        _ = try await run("/usr/bin/git", ["add", "app.py"], in: project)
        let allowed = try await run("/usr/bin/git", ["commit", "-q", "-m", "harmless"], in: project)
        #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
    }

    /// `baseline create`, then `scan --baseline` passes the gate on the accepted findings and fails on a new
    /// one; `baseline update` adds it and drops what was fixed, keeping the first entries' reasons.
    @Test func baselinesFromTheCommandLine() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = root.appendingPathComponent("app"), output = root.appendingPathComponent("out").path
        let file = root.appendingPathComponent("baseline.json").path
        try Fixtures.write(["a.py": "KEY = \"AKIAB3SKCZTKMBF6JDPY\"\n", "b.py": "T = \"ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD\"\n"], under: tree)
        let created = try await Self.run(["baseline", "create", tree.path, "-o", file, "--scanners", "secrets", "--reason", "legacy keys"],
                                         environment: ["SOURCE_DATE_EPOCH": "1764806400"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("Baseline: 2 findings of app accepted into \(file)"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"reason\" : \"legacy keys\"") && text.contains("\"date\" : \"2025-12-04\""))
        #expect(!text.contains("AKIAB3SKCZTKMBF6JDPY") && !text.contains("ghp_"))
        let again = try await Self.run(["baseline", "create", tree.path, "-o", file, "--scanners", "secrets"])
        #expect(again.status == 2 && again.stderr.contains("baseline update"))

        let passing = try await Self.run(["scan", tree.path, "--output", output, "--scanners", "secrets", "--baseline", file, "--fail-on", "high"])
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(passing.stderr.contains("(2 suppressed, not counted: baseline 2)"))
        try Fixtures.write(["b.py": "T = None\n", "c.py": "K = \"AKIAZ7QW4RTY2UIOP3AS\"\n"], under: tree)
        let failing = try await Self.run(["scan", tree.path, "--output", output, "--scanners", "secrets", "--baseline", file, "--fail-on", "high"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("1 baseline entry matches no finding any more"))

        let updated = try await Self.run(["baseline", "update", tree.path, "-o", file, "--scanners", "secrets", "--reason", "accepted in review"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stderr.contains("1 added, 1 dropped (no longer found), 1 kept"))
        let updatedText = try String(contentsOfFile: file, encoding: .utf8)
        #expect(updatedText.contains("legacy keys") && updatedText.contains("accepted in review") && !updatedText.contains("github-pat"))
        let wrongTarget = try await Self.run(["baseline", "update", tree.path, "-o", file, "--scanners", "secrets", "--target-name", "other"])
        #expect(wrongTarget.status == 2 && wrongTarget.stderr.contains("is the baseline of target 'app'"))
    }

    /// `--target-url` must be an http(s) URL with a host, and `--insecure` needs one: usage errors, exit 2,
    /// before anything is scanned or stored.
    @Test func aBadTargetURLIsAUsageError() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        for (arguments, message) in [
            (["--target-url", "staging.example.com"], "--target-url 'staging.example.com' is not an http(s) URL with a host"),
            (["--target-url", "ftp://staging.example.com/"], "is not an http(s) URL with a host"),
            (["--insecure"], "--insecure applies to --target-url's request"),
        ] {
            let result = try await Self.run(["scan", DemoApp.url.path, "--output", output.path] + arguments)
            #expect(result.status == 2 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("demo-app").path))
    }

    /// Every format `Formats.all` lists is reachable from the command line: `scan --format` writes each
    /// file, and `sbom --format` takes each SBOM format.
    @Test func everyFormatIsReachableFromTheCommandLine() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        for format in Formats.all {
            let result = try await Self.run(["scan", DemoApp.url.path, "--scanners", "secrets", "--format", format.id, "--output",
                                             output.appendingPathComponent(format.id).path])
            #expect(result.status == 0, "\(format.id): \(result.stderr)")
            let latest = output.appendingPathComponent("\(format.id)/demo-app/latest")
            let files = Set((try? FileManager.default.contentsOfDirectory(atPath: latest.path)) ?? [])
            // A secrets-only run found no vulnerability: it has no VEX document to write.
            #expect(files == (format is OpenVEXJSON ? ["manifest.json"] : [format.fileName, "manifest.json"]), "\(format.id): \(files.sorted())")
        }
        for format in Formats.catalogs {
            let result = try await Self.run(["sbom", DemoApp.url.path, "--format", format.id])
            #expect(result.status == 0 && !result.stdout.isEmpty, "\(format.id): \(result.stderr)")
        }
        let wrong = try await Self.run(["sbom", DemoApp.url.path, "--format", "html"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("unknown format 'html' (known: \(Formats.catalogs.map(\.id).joined(separator: ", ")))"), "\(wrong.stderr)")
    }

    @Test(arguments: [
        (["scan", "/nonexistent/place"], "target does not exist: /nonexistent/place"),
        (["scan", ".", "--scanners", "secrets,nope"], "unknown scanner 'nope'"),
        (["scan", ".", "--fail-on", "urgent"], "urgent"),
        (["scan", ".", "--format", "pdfx"], "unknown format 'pdfx'"),
        (["frobnicate"], "Unexpected argument 'frobnicate'"),
        (["sbom", "/nonexistent/place"], "/nonexistent/place does not exist"),
        (["sbom", ".", "--format", "sarif"], "unknown format 'sarif' (known: cyclonedx-json, cyclonedx-xml, spdx-json, spdx-tv)"),
        (["sbom", ".", "--cyclonedx-version", "2.0"], "--cyclonedx-version must be one of"),
        (["sbom", "/etc/passwd"], "/etc/passwd is not a lockfile or manifest SecureScan reads"),
        (["sbom", ".", "-o", "/nonexistent/dir/sbom.json"], "cannot write /nonexistent/dir/sbom.json"),
    ])
    func usageErrorsExitTwoWithAClearMessage(arguments: [String], message: String) async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await Self.run(arguments + (arguments.first == "scan" ? ["--output", output.path] : []), directory: DemoApp.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aBadConfigNamesTheFileLineAndKeyAndExitsTwo() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let config = output.appendingPathComponent("securescan.yml")
        try Data("version: 1\npolicy:\n  fail_on: hgih\n".utf8).write(to: config)
        let result = try await Self.run(["scan", DemoApp.url.path, "--config", config.path, "--output", output.path.appending("/out")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(config.path):3:12: policy.fail_on: 'hgih' is not a severity"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("out").path), "nothing is written on a config error")
    }

    /// `batch` takes the same gate options as `scan`, applied to each target: `--max-findings 1` fails the
    /// target with two findings and passes the clean one.
    @Test func batchAppliesTheGateOptionsToEachTarget() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Fixtures.write(["a.py": "token = \"ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD\"\nkey = \"AKIAQ3EGVP7IWABCDJDPY\"\n"],
                           under: root.appendingPathComponent("repos/leaky"))
        try Fixtures.write(["README.md": "# clean\n"], under: root.appendingPathComponent("repos/clean"))
        let file = root.appendingPathComponent("audits.yml")
        try "version: 1\ndefaults:\n  scanners: [secrets]\ntargets:\n  - glob: repos/*\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await Self.run(["batch", file.path, "--output", root.appendingPathComponent("out").path, "--max-findings", "1", "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let targets = try #require(object["targets"] as? [[String: Any]])
        let passed = Dictionary(uniqueKeysWithValues: targets.map { ($0["name"] as? String ?? "?", ($0["gate"] as? [String: Any])?["passed"] as? Bool) })
        #expect(passed == ["leaky": false, "clean": true], "\(result.stdout)")
        let negative = try await Self.run(["batch", file.path, "--output", root.appendingPathComponent("out").path, "--max-findings=-1"])
        #expect(negative.status == 2 && negative.stderr.contains("--max-findings must not be negative"), "\(negative.stderr)")
    }

    @Test func aScannerTimeoutWithFailOnScannerErrorExitsThree() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        // Make a tree big enough that secrets cannot finish in a millisecond.
        let tree = output.appendingPathComponent("tree")
        for index in 0..<400 {
            try Fixtures.write(["d\(index % 20)/f\(index).py": String(repeating: "api_key = value_\(index)\n", count: 400)], under: tree)
        }
        let config = output.appendingPathComponent("securescan.yml")
        try Data("scanner_timeouts:\n  secrets: 1ms\n".utf8).write(to: config)
        let result = try await Self.run(["scan", tree.path, "--config", config.path, "--output", output.appendingPathComponent("out").path,
                                         "--fail-on-scanner-error", "--json"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.contains("\"timed_out\""))
    }

    @Test func sourceDateEpochFixesTimestamps() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await Self.run(["scan", DemoApp.url.path, "--output", output.path, "--json"], environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let findings = try String(contentsOf: URL(fileURLWithPath: object["artifacts_dir"] as! String).appendingPathComponent("findings.json"), encoding: .utf8)
        #expect(findings.contains("\"started_at\" : \"2025-11-29T00:00:00Z\""))
        #expect((object["run_id"] as! String).hasPrefix("20251129T000000Z-"))
    }

    /// Runs as an unprivileged user (root reads every file), so it needs root and setpriv to drop to one;
    /// `.ci/run` has both, and elsewhere the test is reported as skipped rather than passed.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func anUnreadableFileIsANoteAndTheRestIsScanned() async throws {
        let tree = URL(fileURLWithPath: "/tmp/securescan-unreadable-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: tree) }
        try Fixtures.write(["open.py": "token = \"ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD\"\n", "secret.py": "x = 1\n", "locked/inner.py": "y = 2\n"], under: tree)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: tree.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: tree.appendingPathComponent("secret.py").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: tree.appendingPathComponent("locked").path)
        // The checkout may not be readable by other users: run a world-readable copy of the binary and templates.
        let tools = URL(fileURLWithPath: "/tmp/securescan-e2e-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: tools) }
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.binary, to: tools.appendingPathComponent("securescan"))
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates"), to: tools.appendingPathComponent("templates"))
        for path in [tools.path, tools.appendingPathComponent("templates").path] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        let output = tree.appendingPathComponent("out")
        let result = try await Self.run(
            ["scan", tree.path, "--output", output.path, "--json"],
            environment: ["SECURESCAN_TEMPLATES": tools.appendingPathComponent("templates").path], directory: tree, asUser: "65534",
            binary: tools.appendingPathComponent("securescan"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("secret.py (Permission denied)"), "\(result.stdout)")
        #expect(result.stdout.contains("locked/ (Permission denied)"), "\(result.stdout)")
        // The secret, and the tree's missing .gitignore.
        #expect(result.stdout.contains("\"total\" : 2"), "\(result.stdout)")
    }

    @Test func statusHistoryAndInitWork() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let status = try await Self.run(["status", "--json"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("\"secrets\"") && status.stdout.contains("\"dockerfile\""))
        _ = try await Self.run(["scan", DemoApp.url.path, "--output", output.path])
        let history = try await Self.run(["history", "--output", output.path, "--json"])
        #expect(history.status == 0)
        #expect(history.stdout.contains("\"target\" : \"demo-app\""))
        let initialized = try await Self.run(["init", output.path])
        #expect(initialized.status == 0)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("securescan.yml").path))
        let again = try await Self.run(["init", output.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        let help = try await Self.run(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--fail-on-new"))
    }

    @Test func keysScanSignAndVerifyWorkTogether() async throws {
        let work = try Fixtures.makeTemporaryDirectory("signing")
        defer { try? FileManager.default.removeItem(at: work) }
        let prefix = work.appendingPathComponent("release-key").path
        let generated = try await Self.run(["keys", "generate-signing", "--out", prefix])
        #expect(generated.status == 0)
        #expect(generated.stdout.contains("fingerprint: sha256:"))
        let mode = try FileManager.default.attributesOfItem(atPath: prefix)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try await Self.run(["keys", "generate-signing", "--out", prefix]).status == 2)
        let output = work.appendingPathComponent("out").path
        let scan = try await Self.run(["scan", DemoApp.url.path, "--scanners", "secrets", "--output", output, "--sign-key", prefix])
        #expect(scan.status == 0)
        let run = output + "/demo-app/latest"
        let verified = try await Self.run(["verify", run, "--public-key", prefix + ".pub"])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("signature: valid"))
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: run + "/summary.md"))
        let tampered = try await Self.run(["verify", run, "--public-key", prefix + ".pub"])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("FAIL summary.md: altered"))
        // A public key where a private key belongs is a usage error naming the file; nothing is scanned.
        let wrongKey = try await Self.run(["scan", DemoApp.url.path, "--output", output, "--sign-key", prefix + ".pub"])
        #expect(wrongKey.status == 2)
        #expect(wrongKey.stderr.contains("release-key.pub is not an Ed25519 private key"))
    }
}

/// `securescan keys` and `securescan serve` as processes: a key created on the command line opens the
/// API of a real server, which stops cleanly on SIGTERM; the read-only server refuses changes.
@Suite(.serialized) struct ServeCommandTests {
    static func get(_ url: String, key: String? = nil, method: String = "GET") async throws -> (status: Int, body: String) {
        let result = try await ExternalCommand.run("/usr/bin/curl",
                                                   ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method] + (key.map { ["-H", "X-API-Key: \($0)"] } ?? []) + [url])
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// `serve --port 0`: the system picks a free port, which the server names once it listens.
    static func start(_ arguments: [String], environment: [String: String] = [:]) async throws -> (Process, Int) {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["SECURESCAN_TEMPLATES"] = Fixtures.repositoryRoot.appendingPathComponent("templates").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        // A file, not a pipe: nobody reads the server's later lines, and a full pipe would stop it.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let errorHandle = try FileHandle(forWritingTo: errors)
        process.standardError = errorHandle
        try process.run()
        try errorHandle.close()  // the server has its own copy
        for _ in 0..<100 {
            if let port = servingPort(try String(contentsOf: errors, encoding: .utf8)),
               (try? await get("http://127.0.0.1:\(port)/health").status) == 200 {
                return (process, port)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "securescan serve did not start: \(said)"])
    }

    /// The port in "SecureScan serving http://127.0.0.1:PORT/ …", once the server has said it.
    static func servingPort(_ text: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("SecureScan serving http://") }),
              let address = line.split(separator: " ").dropFirst(2).first,
              let port = address.split(separator: ":").last?.split(separator: "/").first else { return nil }
        return Int(port).flatMap { $0 > 0 ? $0 : nil }
    }

    @Test func aPortAlreadyTakenFailsWithoutClaimingToServe() async throws {
        let work = try Fixtures.makeTemporaryDirectory("serve-taken")
        defer { try? FileManager.default.removeItem(at: work) }
        let (first, port) = try await Self.start(["--output", work.appendingPathComponent("out").path])
        defer { first.terminate() }
        let second = try await CommandLineTests.run(["serve", "--port", String(port), "--output", work.appendingPathComponent("out").path])
        #expect(second.status == 2)
        #expect(!second.stderr.contains("SecureScan serving"), "\(second.stderr)")
        #expect(second.stderr.contains("cannot listen on 127.0.0.1:\(port): Address already in use"), "\(second.stderr)")
    }

    @Test func keysFromTheCommandLineOpenALiveServer() async throws {
        let work = try Fixtures.makeTemporaryDirectory("serve-cli")
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("out").path
        #expect(try await CommandLineTests.run(["scan", DemoApp.url.path, "--scanners", "secrets", "--output", output]).status == 0)
        let created = try await CommandLineTests.run(["keys", "create", "--name", "auditor", "--scope", "read", "--output", output])
        #expect(created.status == 0)
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("ssk_") && key.count == 47)
        #expect(created.stderr.contains("shown only now"))
        let listed = try await CommandLineTests.run(["keys", "list", "--output", output])
        #expect(listed.stdout.contains("auditor") && !listed.stdout.contains(key))

        let (server, port) = try await Self.start(["--output", output])
        let base = "http://127.0.0.1:\(port)"
        #expect(try await Self.get(base + "/api/v1/scans").status == 401)
        let scans = try await Self.get(base + "/api/v1/scans", key: key)
        #expect(scans.status == 200)
        #expect(scans.body.contains("\"target\":\"demo-app\""))
        #expect(try await Self.get(base + "/api/v1/keys", key: key).status == 403)
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)

        let (readOnly, readOnlyPort) = try await Self.start(["--output", output, "--read-only"])
        defer { readOnly.terminate() }
        let refused = try await Self.get("http://127.0.0.1:\(readOnlyPort)/api/v1/notifications/read-all", key: key, method: "PATCH")
        #expect(refused.status == 405)
        #expect(try await Self.get("http://127.0.0.1:\(readOnlyPort)/api/v1/scans", key: key).status == 200)

        let id = String(key.dropFirst(4).prefix(10))
        let revoked = try await CommandLineTests.run(["keys", "revoke", id, "--output", output])
        #expect(revoked.status == 0)
        #expect(try await Self.get("http://127.0.0.1:\(readOnlyPort)/api/v1/scans", key: key).status == 401)
        #expect(try await CommandLineTests.run(["keys", "revoke", "nope", "--output", output]).status == 2)
    }
}
