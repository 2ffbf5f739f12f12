import HTTPTypes
import Hummingbird

/// The auditor mode: any request that could change something (POST, PUT, PATCH, DELETE) is answered 405
/// before it reaches a handler, so nothing is changed however the routes evolve.
struct ReadOnlyMiddleware<Context: RequestContext>: RouterMiddleware {
    static var safeMethods: Set<HTTPRequest.Method> { [.get, .head, .options] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.safeMethods.contains(request.method) else {
            var response = JSONBody.response(
                ["detail": "this server is read-only (securescan serve --read-only): \(request.method.rawValue) is not allowed", "status": "405"],
                status: .methodNotAllowed)
            response.headers[.allow] = "GET, HEAD, OPTIONS"
            return response
        }
        return try await next(request, context)
    }
}
