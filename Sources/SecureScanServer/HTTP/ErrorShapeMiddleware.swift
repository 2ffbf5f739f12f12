import HTTPTypes
import Hummingbird
import Logging

/// Gives every error the API's JSON shape: Hummingbird's own errors (404 for an unknown path, 413, …)
/// become `{"detail", "status"}`, and an unexpected error is a logged 500 that reveals nothing.
struct ErrorShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let detail = error.status == .notFound ? "Not Found: \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            return try ServerError(error.status, detail, headers: error.headers).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try ServerError(error.status, error.status.reasonPhrase).response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error: \(error)", metadata: ["path": "\(request.uri.path)"])
            return try ServerError(.internalServerError, "internal error; the server log has details").response(from: request, context: context)
        }
    }
}
