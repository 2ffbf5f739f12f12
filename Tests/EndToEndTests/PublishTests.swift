import Foundation
import Testing
import TestSupport

/// `--publish`: CI runners with nothing on their disks send their runs to a central `securescan serve`,
/// which judges each against the organization's history, so a runner's gate is that history's. Against
/// a server on either store backend.
@Suite(.serialized) struct PublishTests {
    @Test(arguments: StoreBackend.allCases)
    func runnersFromFreshDirectoriesGateOnTheCentralHistory(_ backend: StoreBackend) async throws {
        let work = try Fixtures.makeTemporaryDirectory("publish-\(backend.rawValue)")
        defer { try? FileManager.default.removeItem(at: work) }
        let central = work.appendingPathComponent("central").path
        var server: [String: String] = [:]
        if backend == .postgres {
            let cluster = try PostgresCluster.shared()
            server = ["SECURESCAN_DATABASE_URL": try cluster.makeDatabase(), "PGPASSWORD": cluster.password,
                      "SECURESCAN_SECRET_KEY": String(repeating: "ab", count: 32)]
        }
        let created = try await CommandLineTests.run(["keys", "create", "--name", "ci", "--scope", "write", "--output", central], environment: server)
        #expect(created.status == 0, "\(created.stderr)")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let reader = try await CommandLineTests.run(["keys", "create", "--name", "auditor", "--scope", "read", "--output", central], environment: server)
        let readKey = reader.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (process, port) = try await ServeCommandTests.start(["--output", central, "--workers", "0"], environment: server)
        defer { process.terminate() }
        let base = "http://127.0.0.1:\(port)"
        let runner = ["SECURESCAN_PUBLISH_KEY": key]

        func publish(_ path: String, _ extra: [String] = []) async throws -> (CommandLineTests.Result, [String: Any]) {
            let output = work.appendingPathComponent("runner-\(UUID().uuidString)").path
            let result = try await CommandLineTests.run(["scan", path, "--output", output, "--publish", base, "--json"] + extra, environment: runner)
            let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
            return (result, object)
        }
        // The first runner: everything is new to the organization.
        let (first, firstRun) = try await publish(DemoApp.url.path)
        #expect(first.status == 0, "\(first.stderr)")
        let firstID = try #require(firstRun["run_id"] as? String)
        #expect(((firstRun["diff"] as? [String: Any])?["new"] as? Int ?? 0) > 0)
        // A second runner, another fresh directory: nothing new against the first, so --fail-on-new passes.
        let (second, secondRun) = try await publish(DemoApp.url.path, ["--fail-on-new", "info"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect((secondRun["diff"] as? [String: Any])?["new"] as? Int == 0)
        #expect(secondRun["base_run_id"] as? String == firstID)
        let secondID = try #require(secondRun["run_id"] as? String)
        // A third adds a secret: new against the history, so its gate fails.
        let changed = work.appendingPathComponent("checkout/demo-app")
        try FileManager.default.createDirectory(at: changed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: DemoApp.url, to: changed)
        let token = "ghp_" + String((0..<36).map { _ in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".randomElement()! })
        // A checkout is a repository (its key file tracked, as in the first runners' checkout); the token
        // comes in a file added after the last commit.
        func git(_ arguments: String...) async throws {
            let result = try await CommandLineTests.run(Array(arguments), directory: changed, binary: URL(fileURLWithPath: "/usr/bin/git"))
            #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        }
        let settings = changed.appendingPathComponent("deploy_settings.py")
        try await git("init", "-q", "-b", "main")
        try await git("add", "-A")
        try await git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "base")
        try Data("GITHUB_TOKEN = \"\(token)\"\n".utf8).write(to: settings)
        let (third, thirdRun) = try await publish(changed.path, ["--fail-on-new", "high"])
        #expect(third.status == 1, "\(third.stderr)")
        #expect((thirdRun["diff"] as? [String: Any])?["new"] as? Int == 1, "\(thirdRun["diff"] ?? "-")")
        #expect(!third.stdout.contains(token) && !third.stderr.contains(token))

        // The server holds the runs and their artifacts, as the runners rendered them from its judgment.
        let scan = try await ServeCommandTests.get(base + "/api/v1/scans/\(secondID)", key: readKey)
        #expect(scan.status == 200 && scan.body.contains("\"origin\":\"publish\""), "\(scan.body.prefix(400))")
        let report = try await ServeCommandTests.get(base + "/site/demo-app/\(secondID)/report.html")
        #expect(report.status == 200 && report.body.contains(secondID))
        // Byte for byte what the runner wrote.
        let runnerFolder = try #require(try FileManager.default.contentsOfDirectory(atPath: work.path)
            .map { work.appendingPathComponent($0).appendingPathComponent("demo-app").appendingPathComponent(secondID) }
            .first { FileManager.default.fileExists(atPath: $0.path) })
        let downloaded = work.appendingPathComponent("downloaded.html")
        _ = try await ExternalCommand.run("/usr/bin/curl", ["-s", "-o", downloaded.path, base + "/site/demo-app/\(secondID)/report.html"])
        #expect(try Data(contentsOf: downloaded) == Data(contentsOf: runnerFolder.appendingPathComponent("report.html")))
        let site = try await ServeCommandTests.get(base + "/site/demo-app/latest/manifest.json")
        #expect(site.status == 200 && site.body.contains("securescan-manifest"))

        // `diff`, which stores no run, judges a change with the server's verdicts: the new token, marked a
        // false positive there, no longer fails the pull request's gate.
        let findings = try await ServeCommandTests.get(base + "/api/v1/scans/\(try #require(thirdRun["run_id"] as? String))/findings?change=new", key: readKey)
        let newFinding = try #require((try JSONSerialization.jsonObject(with: Data(findings.body.utf8)) as? [[String: Any]])?.first)
        let fingerprint = try #require(newFinding["fingerprint"] as? String)
        let marked = try await ExternalCommand.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PATCH", "-H", "X-API-Key: \(key)",
                                                                    "-H", "Content-Type: application/json", "-d", #"{"status":"false_positive","note":"test fixture"}"#,
                                                                    base + "/api/v1/findings/\(fingerprint)/state"])
        #expect(marked.output == "200")
        let local = try await CommandLineTests.run(["diff", changed.path, "--base", "main", "--fail-on-new", "high", "--json"])
        #expect(local.status == 1, "\(local.stderr)")
        let judged = try await CommandLineTests.run(["diff", changed.path, "--base", "main", "--fail-on-new", "high", "--json", "--publish", base],
                                                     environment: ["SECURESCAN_PUBLISH_KEY": readKey])
        #expect(judged.status == 0, "\(judged.stdout) \(judged.stderr)")

        // A key without the write scope, or none, is refused with the server's word (exit 3: not published).
        let refused = try await CommandLineTests.run(["scan", DemoApp.url.path, "--output", work.appendingPathComponent("refused").path,
                                                      "--publish", base, "--api-key", readKey])
        #expect(refused.status == 3 && refused.stderr.contains("HTTP 403"), "\(refused.stderr)")
        let missing = try await CommandLineTests.run(["scan", DemoApp.url.path, "--publish", base], environment: ["SECURESCAN_PUBLISH_KEY": ""])
        #expect(missing.status == 2 && missing.stderr.contains("--publish needs a key"), "\(missing.stderr)")
        #expect(!first.stderr.contains(key) && !first.stdout.contains(key))
    }
}
