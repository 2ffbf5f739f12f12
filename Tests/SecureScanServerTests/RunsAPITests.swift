import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanServer
@testable import SecureScanStore

/// `POST /runs` and `PUT /runs/{id}/artifacts` refuse what is not a publishable run or its folder, each
/// with the field or file named, and keep nothing of what they refuse.
@Suite struct RunsAPITests {
    static func body(_ value: some Encodable) throws -> ByteBuffer { ByteBuffer(bytes: Array(try JSONEncoder().encode(value))) }

    /// A run folder: two files and the manifest listing them.
    static func folder(runID: String) throws -> [RunArtifactUpload.File] {
        let report = RunReport.sample(runID: runID)
        let files = ["findings.json": Data("{\"findings\":[]}".utf8), "summary.md": Data("# Summary\n".utf8)]
        let manifest = try Manifest(report: report, artifacts: files.keys.sorted().map { name in
            Manifest.Artifact(path: name, data: files[name]!, mediaType: "text/plain")
        }).data()
        return (files.merging(["manifest.json": manifest]) { a, _ in a }).sorted { $0.key < $1.key }
            .map { RunArtifactUpload.File(name: $0.key, content: $0.value.base64EncodedString()) }
    }

    @Test(arguments: StoreBackend.allCases)
    func publishedRunsAndTheirFoldersAreCheckedBeforeAnythingIsKept(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("runs-api", backend: backend)
        defer { world.remove() }
        let app = try world.application(workers: 0)
        let runID = "20261204T120000Z-publsh"
        let write = world.headers(.write).merging(HTTPFields.json)
        try await app.test(.router) { client in
            var publication = RunPublication(run: RunReport.sample(runID: runID), gate: GatePolicy(), targetPath: "/ci/checkout")
            publication.run.target.name = "demo"
            // Refused: another format, a target that is not a folder name, a read key, a stored id.
            var wrongKind = publication
            wrongKind.kind = "something-else"
            let kind = try await client.execute(uri: "/api/v1/runs", method: .post, headers: write, body: try Self.body(wrongKind)) { ($0.status, String(buffer: $0.body)) }
            #expect(kind.0 == .unprocessableContent && kind.1.contains("'kind'"))
            var escaping = publication
            escaping.run.target.name = "../etc"
            #expect(try await client.execute(uri: "/api/v1/runs", method: .post, headers: write, body: try Self.body(escaping)) { $0.status } == .unprocessableContent)
            let missing = try await client.execute(uri: "/api/v1/runs", method: .post, headers: write, body: ByteBuffer(string: #"{"kind":"securescan-run-publication","version":1,"gate":{}}"#)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(missing.0 == .unprocessableContent && missing.1.contains("'run' is required"), "\(missing.1)")
            #expect(try await client.execute(uri: "/api/v1/runs", method: .post, headers: world.headers(.read).merging(HTTPFields.json),
                                             body: try Self.body(publication)) { $0.status } == .forbidden)
            var stored = publication
            stored.run.runID = TestServer.firstRun
            #expect(try await client.execute(uri: "/api/v1/runs", method: .post, headers: write, body: try Self.body(stored)) { $0.status } == .conflict)

            // Accepted: judged against the target's history (the sample runs already stored for "demo").
            let published = try await client.execute(uri: "/api/v1/runs", method: .post, headers: write, body: try Self.body(publication)) {
                ($0.status, try JSONSerialization.jsonObject(with: Data($0.body.readableBytesView)) as? [String: Any] ?? [:])
            }
            #expect(published.0 == .created)
            let result = try #require(published.1["result"] as? [String: Any])
            #expect(result["base_run_id"] as? String == TestServer.secondRun)
            #expect((result["diff"] as? [String: Any])?["new"] as? Int == 0)
            #expect(try world.store.scan(id: runID).origin == .publish)

            // The folder: a file that does not match the manifest, or one it does not list, keeps nothing.
            var files = try Self.folder(runID: runID)
            var altered = files
            altered[0].content = Data("tampered".utf8).base64EncodedString()
            let tampered = try await client.execute(uri: "/api/v1/runs/\(runID)/artifacts", method: .put, headers: write,
                                                    body: try Self.body(RunArtifactUpload(files: altered))) { ($0.status, String(buffer: $0.body)) }
            #expect(tampered.0 == .unprocessableContent && tampered.1.contains("findings.json: altered"), "\(tampered.1)")
            let extra = files + [.init(name: "extra.txt", content: "eA==")]
            #expect(try await client.execute(uri: "/api/v1/runs/\(runID)/artifacts", method: .put, headers: write,
                                             body: try Self.body(RunArtifactUpload(files: extra))) { $0.status } == .unprocessableContent)
            let escape = [RunArtifactUpload.File(name: "../x", content: "eA==")]
            #expect(try await client.execute(uri: "/api/v1/runs/\(runID)/artifacts", method: .put, headers: write,
                                             body: try Self.body(RunArtifactUpload(files: escape))) { $0.status } == .unprocessableContent)
            #expect(try world.store.artifacts(runID: runID).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: world.output.appendingPathComponent("demo/\(runID)").path))
            // A run that was not published takes no folder.
            #expect(try await client.execute(uri: "/api/v1/runs/\(TestServer.firstRun)/artifacts", method: .put, headers: write,
                                             body: try Self.body(RunArtifactUpload(files: files))) { $0.status } == .conflict)
            // Kept once; a second folder for the same run is refused.
            let kept = try await client.execute(uri: "/api/v1/runs/\(runID)/artifacts", method: .put, headers: write,
                                                body: try Self.body(RunArtifactUpload(files: files))) { ($0.status, String(buffer: $0.body)) }
            #expect(kept.0 == .created && kept.1.contains("\"files\":3"), "\(kept.1)")
            files[0].content = Data("again".utf8).base64EncodedString()
            #expect(try await client.execute(uri: "/api/v1/runs/\(runID)/artifacts", method: .put, headers: write,
                                             body: try Self.body(RunArtifactUpload(files: files))) { $0.status } == .conflict)
            let summary = try await client.execute(uri: "/site/demo/\(runID)/summary.md", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(summary.0 == .ok && summary.1 == "# Summary\n")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func impossibleRunsAreRefusedAndARepeatedUploadIsAnsweredAsTheFirst(_ backend: StoreBackend) async throws {
        let world = try TestServer.make("runs-repeat", backend: backend)
        defer { world.remove() }
        let app = try world.application(workers: 0)
        let write = world.headers(.write).merging(HTTPFields.json)
        try await app.test(.router) { client in
            func publish(_ publication: RunPublication) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: "/api/v1/runs", method: .post, headers: write, body: try Self.body(publication)) { ($0.status, String(buffer: $0.body)) }
            }
            var publication = RunPublication(run: RunReport.sample(runID: "20261204T130000Z-repeat"), gate: GatePolicy(), targetPath: nil)
            publication.run.target.name = "demo"
            // A time that is no time (it would reach every scan list and trend as one), and a scanner named twice
            // (the store keys scanner runs by scanner): 422 naming the field, nothing stored.
            var badTime = publication
            badTime.run.startedAt = "9655-81-30T56:02:32Z"
            let time = try await publish(badTime)
            #expect(time.0 == .unprocessableContent && time.1.contains("'run.startedAt' must be a UTC time"), "\(time.1)")
            var twice = publication
            let secrets = ScannerRun(scanner: "secrets", scanType: .code, status: .ran)
            twice.run.scannerRuns = [secrets, secrets]
            let repeated = try await publish(twice)
            #expect(repeated.0 == .unprocessableContent && repeated.1.contains("names scanner 'secrets' twice"), "\(repeated.1)")
            #expect((try? world.store.scan(id: publication.run.runID)) == nil)
            #expect(try await publish(publication).0 == .created)

            func upload(_ files: [RunArtifactUpload.File]) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: "/api/v1/runs/\(publication.run.runID)/artifacts", method: .put, headers: write,
                                         body: try Self.body(RunArtifactUpload(files: files))) { ($0.status, String(buffer: $0.body)) }
            }
            // Another run's folder, however intact, is not this run's evidence; a folder without a manifest is no folder.
            let other = try await upload(try Self.folder(runID: "20261204T130000Z-other1"))
            #expect(other.0 == .conflict && other.1.contains("its manifest.json says so"), "\(other.1)")
            let bare = try await upload([.init(name: "summary.md", content: Data("# Summary\n".utf8).base64EncodedString())])
            #expect(bare.0 == .unprocessableContent && bare.1.contains("manifest.json is missing"), "\(bare.1)")
            // The run's own folder: kept (201); the very same files again, as a runner retrying after a lost answer sends
            // them, answered as kept (200); different files, a conflict.
            let files = try Self.folder(runID: publication.run.runID)
            #expect(try await upload(files).0 == .created)
            let again = try await upload(files)
            #expect(again.0 == .ok && again.1.contains("\"files\":3"), "\(again.1)")
            #expect(try await upload(Array(files.prefix(2))).0 == .conflict)
        }
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let world = try TestServer.make("runs-limit")
        defer { world.remove() }
        var configuration = world.configuration(workers: 0)
        configuration.publishLimitBytes = 1_000
        let app = try SecureScanServer.application(configuration, logger: TestServer.logger)
        try await app.test(.router) { client in
            let publication = RunPublication(run: RunReport.sample(runID: "20261204T120000Z-large1"), gate: GatePolicy(), targetPath: nil)
            let body = try Self.body(publication)
            let status = try await client.execute(uri: "/api/v1/runs", method: .post, headers: world.headers(.write).merging(HTTPFields.json), body: body) { $0.status }
            #expect(status == .contentTooLarge)
        }
    }
}
