import HTTPTypes
import Hummingbird

/// Marks the legacy `/api/…` paths (not `/api/v1/…`) as deprecated on every response, 404s included:
/// `Deprecation: true`, a fixed `Sunset` date and a `Link` to the successor path.
struct LegacyPathMiddleware<Context: RequestContext>: RouterMiddleware {
    static var sunset: String { "Wed, 31 Dec 2026 23:59:59 GMT" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/api/"), !path.hasPrefix("/api/v1/"), path != "/api/v1" else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[HTTPField.Name("Deprecation")!] = "true"
        response.headers[HTTPField.Name("Sunset")!] = Self.sunset
        response.headers[HTTPField.Name("Link")!] = "</api/v1/\(path.dropFirst("/api/".count))>; rel=\"successor-version\""
        return response
    }
}
