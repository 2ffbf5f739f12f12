import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanServer
@testable import SecureScanStore

/// Roles on one PostgreSQL store: two API replicas that run no scans (`serve --workers 0`) and a worker
/// (`securescan worker`). A scan queued through one replica is run by the worker and streamed whole
/// through the other; its webhook is delivered once, though every process delivers.
@Suite(.serialized) struct SharedStoreServerTests {
    @Test func aScanQueuedOnOneReplicaIsRunByTheWorkerAndStreamedOnTheOther() async throws {
        let world = try TestServer.make("shared-roles", backend: .postgres)
        defer { world.remove() }
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let loopback = WebhooksAPITests.loopback
        var workerConfiguration = world.configuration(workers: 1, allowedNetworks: loopback)
        workerConfiguration.watchQueue = true
        let worker = try WorkerRunner(workerConfiguration, logger: TestServer.logger)
        let running = Task { try await worker.run() }
        defer { running.cancel() }

        let first = try world.application(workers: 0, allowedNetworks: loopback)
        let second = try world.application(workers: 0, allowedNetworks: loopback)
        let id = try await first.test(.router) { client in
            _ = try await WebhooksAPITests.create(client, world, url: receiver.url, events: ["scan.complete"])
            let created = try await ScanQueueTests.create(client, world, path: world.scanRoot.appendingPathComponent("webapp").path,
                                                          extra: #", "target_name": "webapp""#)
            return try #require(created["id"]?.stringValue)
        }
        try await second.test(.router) { client in
            let stream = try await client.execute(uri: "/api/v1/scans/\(id)/events", method: .get, headers: world.headers(.read)) {
                String(buffer: $0.body)
            }
            let names = stream.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            #expect(names.first == "scan.start" && names.last == "scan.complete", "\(names)")
            let scan = try await ScanQueueTests.wait(client, world, id)
            #expect(scan["status"] == "completed")
        }
        let stored = try world.store.scan(id: id)
        #expect(stored.attempts == 1, "the scan was started \(stored.attempts) times")
        // A failed attempt (a busy host) is retried after a random backoff of up to 5 s, then 10 s: room for two.
        let received = try await receiver.waitFor(1, seconds: 45)
        try await Task.sleep(for: .seconds(2))
        #expect(receiver.received.filter { $0.body.contains(id) }.count == 1, "the webhook was delivered \(received.count) times")
        try await theSiteComesFromTheStore(second, world, scanID: id)
    }

    /// A replica on another host (here: the output folder the worker wrote is removed) serves the run's
    /// site, reports and SBOMs from the store.
    func theSiteComesFromTheStore(_ application: some ApplicationProtocol, _ world: TestServer, scanID id: String) async throws {
        let folder = world.output.appendingPathComponent("webapp").appendingPathComponent(id)
        let manifest = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        let report = try Data(contentsOf: folder.appendingPathComponent("report.html"))
        try FileManager.default.removeItem(at: world.output.appendingPathComponent("webapp"))
        try? FileManager.default.removeItem(at: world.output.appendingPathComponent("index.html"))
        try await application.test(.router) { client in
            let overview = try await client.execute(uri: "/site/", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(overview.0 == .ok && overview.1.contains("webapp/index.html"), "\(overview.1.prefix(300))")
            let page = try await client.execute(uri: "/site/webapp/", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(page.0 == .ok && page.1.contains("\(id)/report.html"))
            #expect(try await client.execute(uri: "/site/webapp", method: .get) { $0.status } == .movedPermanently)
            let latest = try await client.execute(uri: "/site/webapp/latest/report.html", method: .get) { $0 }
            #expect(latest.status == .ok && Data(latest.body.readableBytesView) == report)
            #expect(latest.headers[.contentType] == "text/html; charset=utf-8")
            let tag = try #require(latest.headers[.eTag])
            #expect(try await client.execute(uri: "/site/webapp/\(id)/manifest.json", method: .get) { Data($0.body.readableBytesView) } == manifest)
            #expect(try await client.execute(uri: "/site/webapp/latest/report.html", method: .get, headers: [.ifNoneMatch: tag]) { $0.status } == .notModified)
            #expect(try await client.execute(uri: "/site/webapp/\(id)/nothing.html", method: .get) { $0.status } == .notFound)
            #expect(try await client.execute(uri: "/site/other/\(id)/report.html", method: .get) { $0.status } == .notFound)
            let download = try await client.execute(uri: "/api/v1/scans/\(id)/report?format=html", method: .get, headers: world.headers(.read)) { $0 }
            #expect(download.status == .ok && Data(download.body.readableBytesView) == report)
            let scan = try await client.execute(uri: "/api/v1/scans/\(id)", method: .get, headers: world.headers(.read)) { String(buffer: $0.body) }
            #expect(scan.contains("\"/site/webapp/\(id)/\""), "\(scan.prefix(600))")
        }
    }
}
