import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanServer
@testable import SecureScanStore

/// The server against abuse: request smuggling and oversized heads over a raw socket, slow clients,
/// traversal and links out of the artifact site, CORS (off unless origins are listed), and the headers
/// every response carries.
@Suite(.serialized) struct ServerEdgesTests {
    /// The server on a real port with short timeouts, for the length of `body`.
    static func live(_ world: TestServer, cors: [String] = [], _ body: (Int) async throws -> Void) async throws {
        var configuration = world.configuration()
        // Port 0: the system picks a free one, and the server says which once it listens.
        configuration.port = 0
        configuration.idleTimeout = .seconds(2)
        configuration.bodyTimeout = .seconds(2)
        configuration.corsOrigins = cors
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let app = try SecureScanServer.application(configuration, logger: TestServer.logger, listening: { announce.yield($0) })
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { task.cancel() }
        // A server that fails to start ends the wait rather than leaving it open.
        Task { _ = try? await task.value; announce.finish() }
        var announced = ports.makeAsyncIterator()
        let port = try #require(await announced.next(), "the server never listened")
        // Answering too, before the abuse starts (the first request also sets up what later ones reuse).
        for _ in 0..<50 where (try? RawHTTPClient(port: port).exchange([Array("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)], wait: 2))?.response.hasPrefix("HTTP/1.1 200") != true {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await body(port)
    }

    static func request(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    @Test func smugglingAttemptsAndOversizedHeadsAreRefusedAndTheConnectionClosed() async throws {
        let world = try TestServer.make("edges-smuggling")
        defer { world.remove() }
        try await Self.live(world) { port in
            let client = RawHTTPClient(port: port)
            // Two different lengths: the body's end is ambiguous, so nothing after it may be read as a request.
            let twoLengths = try client.exchange([Self.request("POST /api/v1/scans HTTP/1.1\nHost: x\nContent-Length: 5\nContent-Length: 40\n\nhello")] +
                                                 [Self.request("GET /health HTTP/1.1\nHost: x\n\n")])
            #expect(twoLengths.response.hasPrefix("HTTP/1.1 400"), "\(twoLengths.response.prefix(80))")
            #expect(twoLengths.closed)
            #expect(!twoLengths.response.contains("\"status\":\"ok\""), "the smuggled request must not be answered")
            // A length and chunked encoding together (the classic CL.TE desync).
            let both = try client.exchange([Self.request("POST /api/v1/scans HTTP/1.1\nHost: x\nContent-Length: 4\nTransfer-Encoding: chunked\n\n0\n\nGET /health HTTP/1.1\nHost: x\n\n")])
            #expect(both.response.hasPrefix("HTTP/1.1 400"), "\(both.response.prefix(80))")
            #expect(both.closed)
            // A 200 KB header: refused without the server holding it.
            let huge = try client.exchange([Self.request("GET /health HTTP/1.1\nHost: x\nX-Filler: \(String(repeating: "a", count: 200_000))\n\n")])
            #expect(huge.closed)
            #expect(!huge.response.hasPrefix("HTTP/1.1 200"), "\(huge.response.prefix(80))")
            // The server still answers afterwards.
            let fine = try client.exchange([Self.request("GET /health HTTP/1.1\nHost: x\nConnection: close\n\n")])
            #expect(fine.response.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func slowClientsAreCutOff() async throws {
        let world = try TestServer.make("edges-slow")
        defer { world.remove() }
        try await Self.live(world) { port in
            let client = RawHTTPClient(port: port)
            // Half a request head, then silence: closed after the idle timeout (2 s here), not held.
            let stalled = try client.exchange([Self.request("GET /health HTTP/1.1\nHost: x\n")], wait: 10)
            #expect(stalled.closed)
            #expect(stalled.elapsed < 6)
            // A body dripped a byte at a time (each drip within the idle timeout): 408 after the body timeout,
            // and the connection closed then, not held while the client goes on dripping (30 drips: 15 s).
            let head = Self.request("POST /api/v1/findings/verdicts HTTP/1.1\nHost: x\nX-API-Key: \(world.keys[.write]!)\nContent-Type: application/json\nContent-Length: 400\n\n")
            let dripped = try client.exchange([head] + Array(repeating: [UInt8(ascii: " ")], count: 30), pause: 0.5, wait: 5)
            #expect(dripped.response.hasPrefix("HTTP/1.1 408"), "\(dripped.response.prefix(120))")
            #expect(dripped.response.components(separatedBy: "HTTP/1.1 ").count == 2, "one answer only: \(dripped.response)")
            #expect(dripped.closed)
            #expect(dripped.elapsed < 12, "the connection was held \(dripped.elapsed) s")
        }
    }

    @Test func theSiteServesNothingOutsideTheOutputFolder() async throws {
        let world = try TestServer.make("edges-site")
        defer { world.remove() }
        let secret = try Fixtures.makeTemporaryDirectory("outside")
        defer { try? FileManager.default.removeItem(at: secret) }
        try "top secret\n".write(to: secret.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: world.output.appendingPathComponent("demo/escape.txt").path,
                                                   withDestinationPath: secret.appendingPathComponent("passwd").path)
        try FileManager.default.createSymbolicLink(atPath: world.output.appendingPathComponent("demo/outside").path, withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: world.output.appendingPathComponent("demo/latest").path, withDestinationPath: TestServer.secondRun)
        try await Self.live(world) { port in
            let client = RawHTTPClient(port: port)
            for path in ["/site/demo/escape.txt", "/site/demo/outside/passwd", "/site/%2e%2e/%2e%2e/etc/passwd", "/site/demo/..%2f..%2fsecurescan.db",
                         "/site/demo/%2E%2E/securescan.db", "/site/..%5c..%5cetc%5cpasswd", "/site/demo/%00report.html"] {
                let answer = try client.exchange([Self.request("GET \(path) HTTP/1.1\nHost: x\nConnection: close\n\n")])
                #expect(answer.response.hasPrefix("HTTP/1.1 404") || answer.response.hasPrefix("HTTP/1.1 400"), "\(path): \(answer.response.prefix(60))")
                #expect(!answer.response.contains("top secret"), "\(path)")
            }
            // A link inside the output folder to a run inside it is served.
            let latest = try client.exchange([Self.request("GET /site/demo/latest/report.html HTTP/1.1\nHost: x\nConnection: close\n\n")])
            #expect(latest.response.hasPrefix("HTTP/1.1 200"), "\(latest.response.prefix(60))")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func everyResponseCarriesSecurityHeadersAndHTMLAPolicy(setup: TestingSetup) async throws {
        let world = try TestServer.make("edges-headers")
        defer { world.remove() }
        try await world.application().test(setup) { client in
            for (uri, html) in [("/health", false), ("/site/demo/\(TestServer.secondRun)/report.html", true), ("/api/v1/scans", false), ("/nothing", false)] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    if html { #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)") }
                }
            }
            // The documentation page keeps the policy it needs.
            try await client.execute(uri: "/docs", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy] != nil)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func corsIsOffUnlessTheOriginIsListed(setup: TestingSetup) async throws {
        let world = try TestServer.make("edges-cors")
        defer { world.remove() }
        let origin: HTTPFields = [.origin: "https://dash.example.com"]
        try await world.application().test(setup) { client in
            try await client.execute(uri: "/api/v1/scans", method: .get, headers: world.headers(.read).merging(origin)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == nil, "no origin is allowed by default")
            }
        }
        var configuration = world.configuration()
        configuration.corsOrigins = ["https://dash.example.com"]
        try await SecureScanServer.application(configuration, logger: TestServer.logger).test(setup) { client in
            try await client.execute(uri: "/api/v1/scans", method: .get, headers: world.headers(.read).merging(origin)) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "https://dash.example.com")
                #expect(response.headers[.vary] == "Origin")
            }
            try await client.execute(uri: "/api/v1/scans", method: .get, headers: world.headers(.read).merging([.origin: "https://evil.example"])) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
            let preflight: HTTPFields = [.origin: "https://dash.example.com", .accessControlRequestMethod: "POST",
                                         .accessControlRequestHeaders: "x-api-key, content-type"]
            try await client.execute(uri: "/api/v1/scans", method: .options, headers: preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://dash.example.com")
                #expect(response.headers[.accessControlAllowHeaders]?.contains("X-API-Key") == true)
                #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
            }
        }
    }
}
