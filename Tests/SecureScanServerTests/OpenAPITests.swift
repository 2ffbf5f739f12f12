import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanServer

/// The OpenAPI document against the running server: every documented operation is routed and answers
/// only documented statuses, every key role gets exactly the access its scope grants, and undocumented
/// methods get 405 with the right `Allow`.
@Suite struct OpenAPITests {
    struct Operation: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var scope: String
        var statuses: Set<Int>
        var hasBody: Bool
        var description: String { "\(method.rawValue) \(path)" }

        /// The path with placeholder ids (they name nothing, so handlers answer 404 after the auth checks).
        var concrete: String {
            path.replacingOccurrences(of: "{id}", with: "nope").replacingOccurrences(of: "{fingerprint}", with: "fp1:nope")
                .replacingOccurrences(of: "{comment_id}", with: "nope").replacingOccurrences(of: "{scanner}", with: "nope")
        }
    }

    static func operations(_ document: JSONValue) -> [Operation] {
        var operations: [Operation] = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] {
                let statuses = Set((operation["responses"]?.objectValue ?? [:]).keys.compactMap(Int.init))
                operations.append(Operation(
                    method: HTTPRequest.Method(method.uppercased())!, path: path, scope: operation["x-scope"]?.stringValue ?? "?",
                    statuses: statuses, hasBody: operation["requestBody"] != nil))
            }
        }
        return operations.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
    }

    @Test func theDocumentIsOpenAPI31WithBothPrefixesAndEveryOperationScoped() async throws {
        let world = try TestServer.make("openapi-doc")
        defer { world.remove() }
        try await world.application().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let document = try json(response.body)
                #expect(document["openapi"]?.stringValue == "3.1.0")
                let operations = Self.operations(document)
                #expect(operations.count > 80)
                let current = operations.filter { $0.path.hasPrefix("/api/v1/") }
                let legacy = operations.filter { $0.path.hasPrefix("/api/") && !$0.path.hasPrefix("/api/v1/") }
                #expect(current.count == legacy.count)
                #expect(Set(current.map { $0.path.replacingOccurrences(of: "/api/v1/", with: "/api/") + $0.method.rawValue })
                        == Set(legacy.map { $0.path + $0.method.rawValue }))
                for operation in operations { #expect(["none", "any", "read", "write", "admin"].contains(operation.scope), "\(operation)") }
                // The seed's rows are all there.
                for row in ["POST /api/v1/scans", "GET /api/v1/scans", "GET /api/v1/scans/{id}", "DELETE /api/v1/scans/{id}",
                            "POST /api/v1/scans/{id}/cancel", "GET /api/v1/scans/compare", "GET /api/v1/scans/{id}/findings",
                            "GET /api/v1/scans/{id}/summary", "GET /api/v1/scans/{id}/sbom", "GET /api/v1/scans/{id}/report",
                            "GET /api/v1/scans/{id}/events", "POST /api/v1/scans/{id}/event-token",
                            "PATCH /api/v1/findings/{fingerprint}/state", "GET /api/v1/findings/{fingerprint}/comments",
                            "POST /api/v1/findings/{fingerprint}/comments", "DELETE /api/v1/findings/{fingerprint}/comments/{comment_id}",
                            "POST /api/v1/keys", "GET /api/v1/keys", "GET /api/v1/keys/me", "DELETE /api/v1/keys/{id}",
                            "POST /api/v1/webhooks", "GET /api/v1/webhooks", "GET /api/v1/webhooks/{id}", "PATCH /api/v1/webhooks/{id}",
                            "DELETE /api/v1/webhooks/{id}", "GET /api/v1/webhooks/{id}/deliveries", "POST /api/v1/webhooks/{id}/test",
                            "GET /api/v1/notifications", "GET /api/v1/notifications/unread-count", "PATCH /api/v1/notifications/{id}/read",
                            "PATCH /api/v1/notifications/read-all", "GET /api/v1/dashboard/status", "GET /api/v1/dashboard/stats",
                            "GET /api/v1/dashboard/trends", "GET /api/v1/dashboard/browse", "POST /api/v1/dashboard/install/{scanner}",
                            "GET /api/v1/compliance/coverage", "GET /", "GET /health", "GET /ready", "GET /docs", "GET /redoc", "GET /openapi.json"] {
                    #expect(operations.contains { "\($0.method.rawValue) \($0.path)" == row }, "\(row) is not documented")
                }
            }
        }
    }

    /// Every operation × {no key, wrong key, revoked key, read, write, admin}.
    @Test func theAuthMatrixMatchesEveryOperationsScope() async throws {
        let world = try TestServer.make("openapi-auth")
        defer { world.remove() }
        try await world.application().test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { try json($0.body) }
            for operation in Self.operations(document) where operation.scope != "none" {
                for credential in Credential.allCases {
                    // In-process requests never suspend; yield so other tests' timers keep running.
                    await Task.yield()
                    let status = try await Self.status(of: operation, as: credential, world: world, client: client)
                    #expect(status == credential.expected(for: operation.scope), "\(operation) as \(credential) answered \(status)")
                }
            }
        }
    }

    enum Credential: String, CaseIterable, Sendable {
        case none, wrong, garbage, revoked, read, write, admin

        static let ranks = ["read": 0, "write": 1, "admin": 2]

        func headers(_ world: TestServer) -> HTTPFields {
            switch self {
            case .none: [:]
            case .wrong: [HTTPField.Name("X-API-Key")!: "ssk_notarealkey_abcdefabcdefabcdefabcdefabcdefab"]
            case .garbage: [.authorization: "Bearer definitely-not-a-key"]
            case .revoked: world.headers(.revoked)
            case .read: world.headers(.read)
            case .write: world.headers(.write)
            case .admin: world.headers(.admin)
            }
        }

        /// 401 for anything that is not a valid key, 403 below the scope, otherwise "allowed" (0).
        func expected(for scope: String) -> Int {
            guard let rank = Self.ranks[rawValue] else { return 401 }
            return scope == "any" || rank >= Self.ranks[scope]! ? 0 : 403
        }
    }

    /// The status, or 0 for any status that means the call got past authentication and authorization.
    static func status(of operation: Operation, as credential: Credential, world: TestServer, client: some TestClientProtocol) async throws -> Int {
        let body = operation.hasBody ? ByteBuffer(string: "{}") : nil
        return try await client.execute(uri: operation.concrete, method: operation.method, headers: credential.headers(world).merging(.json), body: body) { response in
            let code = Int(response.status.code)
            #expect(operation.statuses.contains(code), "\(operation) as \(credential): \(code) is not documented")
            if code == 401 { #expect(response.headers[.wwwAuthenticate] == "Bearer") }
            return code == 401 || code == 403 || code >= 500 ? code : 0
        }
    }

    /// Each documented operation is routed (never the router's own 404), and every other method on its
    /// path is a 405 naming the methods that exist.
    @Test(arguments: [TestingSetup.router, .live])
    func everyDocumentedRouteExistsAndOtherMethodsAre405(setup: TestingSetup) async throws {
        let world = try TestServer.make("openapi-routes")
        defer { world.remove() }
        try await world.application().test(setup) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { try json($0.body) }
            let operations = Self.operations(document)
            let byPath = Dictionary(grouping: operations, by: \.path)
            for (path, operations) in byPath {
                let concrete = operations[0].concrete
                for operation in operations where operation.path != "/api/v1/scans/{id}/events" && operation.path != "/api/scans/{id}/events" {
                    await Task.yield()
                    try await client.execute(uri: concrete, method: operation.method, headers: world.headers(.admin).merging(.json),
                                             body: operation.hasBody ? ByteBuffer(string: "{}") : nil) { response in
                        let detail = (try? json(response.body))?["detail"]?.stringValue ?? ""
                        #expect(!detail.hasPrefix("Not Found:"), "\(operation) is not routed")
                        #expect(response.status != .methodNotAllowed, "\(operation)")
                    }
                }
                let served = Set(operations.map(\.method))
                for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] where !served.contains(method) {
                    try await client.execute(uri: concrete, method: method, headers: world.headers(.admin)) { response in
                        #expect(response.status == .methodNotAllowed, "\(method.rawValue) \(path) answered \(response.status.code)")
                        let allow = Set((response.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                        #expect(Set(served.map(\.rawValue)).isSubset(of: allow), "\(path): Allow \(allow)")
                        #expect((try? json(response.body))?["detail"] != nil)
                    }
                }
            }
        }
    }

    @Test func docsPagesAreSelfContainedHTML() async throws {
        let world = try TestServer.make("openapi-docs")
        defer { world.remove() }
        try await world.application().test(.router) { client in
            for page in ["/docs", "/redoc"] {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    let html = String(buffer: response.body)
                    #expect(html.contains("/api/v1/scans/{id}/findings"))
                    // Nothing is loaded from elsewhere: no attribute or stylesheet names another origin (an example
                    // URL shown as text, like a webhook's, is not a load).
                    let loads = try NSRegularExpression(pattern: #"(src|href|action|poster|data)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import"#, options: [.caseInsensitive])
                    #expect(loads.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) == nil, "\(page) loads something from elsewhere")
                    #expect(!html.contains("src="), "\(page) has an element that loads a resource")
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("default-src 'none'"))
                    if page == "/docs" { #expect(csp.contains("script-src 'sha256-")) } else { #expect(!html.contains("<script")) }
                }
            }
        }
    }
}
