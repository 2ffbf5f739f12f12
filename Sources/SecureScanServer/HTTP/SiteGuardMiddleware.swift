import Foundation
import Hummingbird

/// Keeps what is not evidence out of the artifact site: the database files (findings history, API key
/// hashes), half-written runs (`.partial-…`) and any other hidden file.
struct SiteGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let prefix: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix(prefix) {
            let parts = path.dropFirst(prefix.count).split(separator: "/")
            let decoded = parts.map { $0.removingPercentEncoding ?? String($0) }
            if decoded.contains(where: { $0.hasPrefix(".") || $0.contains("\\") || $0.contains("\0") })
                || decoded.last.map({ $0.hasSuffix(".db") || $0.hasSuffix(".db-wal") || $0.hasSuffix(".db-shm") || $0.hasSuffix(".sqlite") }) == true {
                throw ServerError(.notFound, "not found")
            }
        }
        return try await next(request, context)
    }
}
