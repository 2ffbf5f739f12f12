import HTTPTypes
import Hummingbird

/// Cross-origin access for the browser origins the operator listed (`--cors-origin`), and for no other:
/// a request from a listed origin gets `Access-Control-Allow-Origin` naming it, a preflight from one is
/// answered here; any other origin gets no CORS header, so its pages cannot read the answers. With no
/// origin listed the middleware is not installed at all.
struct AllowListCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: Set<String>
    static var allowedHeaders: String { "Authorization, Content-Type, X-API-Key, X-Request-ID, If-None-Match, Last-Event-ID" }
    static var allowedMethods: String { "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" }

    init(origins: [String]) {
        self.origins = Set(origins.map(AllowListCORSMiddleware.normalized))
    }

    /// `https://Example.com:443/` → `https://example.com`: how a browser writes the `Origin` header.
    static func normalized(_ origin: String) -> String {
        var text = origin.lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        if text.hasPrefix("https://"), text.hasSuffix(":443") { text.removeLast(4) }
        if text.hasPrefix("http://"), text.hasSuffix(":80") { text.removeLast(3) }
        return text
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains(Self.normalized(origin)) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = Self.allowedHeaders
            headers[.accessControlMaxAge] = "600"
            headers[.vary] = "Origin"
            return Response(status: .noContent, headers: headers)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "X-Request-ID, ETag, Link, Retry-After"
        response.headers[.vary] = "Origin"
        return response
    }
}
