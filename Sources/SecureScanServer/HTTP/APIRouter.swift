import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore

/// Puts the endpoints on the router: each under `/api/v1` and `/api` (or at the root), wrapped in the
/// checks every operation shares (read-only mode, authentication, scope, rate limit), plus a 405 with
/// `Allow` for every method a known path does not serve.
struct APIRouter {
    let services: ServerServices
    static let readMethods: [HTTPRequest.Method] = [.get, .head]
    static let allMethods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    func register(_ endpoints: [Endpoint], on router: Router<APIContext>) {
        var served: [String: [HTTPRequest.Method]] = [:]
        for endpoint in endpoints {
            for prefix in Self.prefixes(endpoint) { served[prefix + endpoint.path, default: []].append(endpoint.method) }
        }
        for endpoint in endpoints {
            for prefix in Self.prefixes(endpoint) {
                let path = prefix + endpoint.path
                router.on(RouterPath(path), method: endpoint.method, use: wrap(endpoint, served: served[path] ?? []))
            }
        }
        for (path, methods) in served {
            let allow = Self.allowed(methods)
            for method in Self.allMethods where !methods.contains(method) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw ServerError.methodNotAllowed("\(request.method.rawValue) is not allowed on \(request.uri.path) (allowed: \(allow.map(\.rawValue).joined(separator: ", ")))", allow: allow)
                }
            }
            router.on(RouterPath(path), method: .options) { _, _ -> Response in
                Response(status: .noContent, headers: [.allow: allow.map(\.rawValue).joined(separator: ", ")])
            }
        }
    }

    static func prefixes(_ endpoint: Endpoint) -> [String] {
        endpoint.atRoot ? [""] : [OpenAPIDocument.currentPrefix, OpenAPIDocument.legacyPrefix]
    }

    static func allowed(_ methods: [HTTPRequest.Method]) -> [HTTPRequest.Method] {
        var allow = methods
        if allow.contains(.get) { allow.append(.head) }
        allow.append(.options)
        return allow.sorted { $0.rawValue < $1.rawValue }
    }

    private func wrap(_ endpoint: Endpoint, served: [HTTPRequest.Method]) -> @Sendable (Request, APIContext) async throws -> Response {
        let services = self.services
        return { request, context in
            var context = context
            if services.configuration.readOnly, endpoint.mutates {
                let reads = served.filter { !($0 == .post || $0 == .put || $0 == .patch || $0 == .delete) }
                throw ServerError.methodNotAllowed(
                    "this server is read-only (securescan serve --read-only): \(request.method.rawValue) \(request.uri.path) is not allowed",
                    allow: reads.isEmpty ? [.options] : Self.allowed(reads))
            }
            if endpoint.access != .open {
                let principal = try authenticate(endpoint, request: request, context: context)
                if case .scope(let scope) = endpoint.access, !principal.grants(scope) {
                    throw ServerError.forbidden("Requires scope: \(scope.rawValue) (this key has: \(principal.scopes.map(\.rawValue).joined(separator: ", ").nilIfEmpty ?? "none"))")
                }
                context.principal = principal
            }
            var limitHeaders: HTTPFields = [:]
            if endpoint.rateLimited, let limiter = services.scanLimiter {
                let decision = limiter.check(context.principal.map { "key:\($0.id)" } ?? "ip:\(context.remoteAddress ?? "local")", now: services.now())
                guard decision.allowed else {
                    throw ServerError(.tooManyRequests, "Rate limit exceeded", headers: decision.headers,
                                      extra: ["retry_after": .int(decision.retryAfter), "limit_per_min": .int(decision.limit)])
                }
                limitHeaders = decision.headers
            }
            guard !limitHeaders.isEmpty else { return try await endpoint.handler(request, context) }
            var response: Response
            do {
                response = try await endpoint.handler(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
            for field in limitHeaders { response.headers[field.name] = field.value }
            return response
        }
    }

    /// The key, or for the event stream an `?event_token=` bound to this scan.
    private func authenticate(_ endpoint: Endpoint, request: Request, context: APIContext) throws -> Principal {
        if endpoint.acceptsEventToken, let token = QueryReader(request).string("event_token") {
            guard let (scanID, keyID) = services.eventTokens.verify(token, now: services.now()) else {
                throw ServerError.unauthorized("Invalid or expired event token")
            }
            guard scanID == context.pathParameter("id") else { throw ServerError.unauthorized("Token does not match scan id") }
            return try services.authenticator.principal(forKeyID: keyID)
        }
        return try services.authenticator.authenticate(request)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
