import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore
import SecureScanStore
import Synchronization

/// `/`, `/health`, `/ready`, `/openapi.json`, `/docs`, `/redoc`: no key needed.
struct PublicController {
    let services: ServerServices
    let scannerCount: Int
    /// The rendered document and pages, set once every endpoint is known.
    let documentation: Documentation

    /// The OpenAPI document and docs pages of the finished endpoint list.
    final class Documentation: Sendable {
        struct Rendered: Sendable {
            var openAPI: String
            var docs: (html: String, csp: String)
            var redoc: (html: String, csp: String)
        }

        private let rendered = Mutex<Rendered?>(nil)

        func set(_ endpoints: [Endpoint], version: String) {
            let value = Rendered(
                openAPI: OpenAPIDocument.build(endpoints, version: version).compactJSON,
                docs: DocsPage.render(endpoints, version: version, interactive: true),
                redoc: DocsPage.render(endpoints, version: version, interactive: false))
            rendered.withLock { $0 = value }
        }

        var value: Rendered { rendered.withLock { $0! } }
    }

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/", access: .open, id: "root", tag: "service", summary: "What this server is",
                     answers: [.json(200, "Name, version and links.", .ref("Root"))], atRoot: true, handler: root),
            Endpoint(.get, "/health", access: .open, id: "health", tag: "service", summary: "Liveness: the process answers",
                     answers: [.json(200, "Alive.", .ref("Health"))], atRoot: true, handler: { _, _ in Response.json(["status": "ok"]) }),
            Endpoint(.get, "/ready", access: .open, id: "ready", tag: "service",
                     summary: "Readiness: the database opens with a current schema and the scanner registry is loaded",
                     answers: [.json(200, "Ready.", .ref("Ready")), .json(503, "Not ready; `checks` says why.", .ref("Ready"))], atRoot: true,
                     handler: ready),
            Endpoint(.get, "/openapi.json", access: .open, id: "openapi", tag: "service", summary: "This API as an OpenAPI 3.1 document",
                     answers: [.json(200, "The document.", .any)], atRoot: true, handler: { _, _ in
                         Response(status: .ok, headers: [.contentType: "application/json"],
                                  body: ResponseBody(byteBuffer: ByteBuffer(string: documentation.value.openAPI)))
                     }),
            Endpoint(.get, "/docs", access: .open, id: "docs", tag: "service", summary: "The API reference with a try-it form (no network needed)",
                     answers: [Endpoint.Answer(status: 200, description: "HTML.", content: ["text/html": .text])], atRoot: true,
                     handler: { _, _ in page(documentation.value.docs) }),
            Endpoint(.get, "/redoc", access: .open, id: "redoc", tag: "service", summary: "The API reference with every schema (no network needed)",
                     answers: [Endpoint.Answer(status: 200, description: "HTML.", content: ["text/html": .text])], atRoot: true,
                     handler: { _, _ in page(documentation.value.redoc) }),
        ]
    }

    func page(_ rendered: (html: String, csp: String)) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: rendered.csp],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: rendered.html)))
    }

    func root(_ request: Request, context: APIContext) async throws -> Response {
        Response.json([
            "name": "SecureScan", "version": .string(ToolInfo.current.version), "status": "ok", "docs": "/docs", "health": "/health",
            "site": "/site/", "read_only": .bool(services.configuration.readOnly),
        ])
    }

    func ready(_ request: Request, context: APIContext) async throws -> Response {
        var checks: [String: JSONValue] = [:]
        var ready = true
        do {
            let current = try services.store.migrationsAreCurrent()
            checks["database"] = current ? "ok" : "schema out of date"
            ready = ready && current
        } catch {
            checks["database"] = .string(error.description)
            ready = false
        }
        checks["scanners"] = scannerCount == 0 ? "registry empty" : .string("\(scannerCount) registered")
        ready = ready && scannerCount > 0
        return Response.json(["status": ready ? "ready" : "not_ready", "checks": .object(checks)], status: ready ? .ok : .serviceUnavailable)
    }
}
