import Foundation
import Hummingbird

/// Keeps what is not evidence out of the artifact site: the database files (findings history, API key
/// hashes), half-written runs (`.partial-…`), any other hidden file, and anything a symbolic link inside
/// the output folder points to outside it.
struct SiteGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let prefix: String
    /// The output folder, resolved (nil when it does not exist yet).
    let root: String?

    init(prefix: String, root: String) {
        self.prefix = prefix
        self.root = SiteGuardMiddleware.resolved(root)
    }

    static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix(prefix) {
            let parts = path.dropFirst(prefix.count).split(separator: "/")
            let decoded = parts.map { $0.removingPercentEncoding ?? String($0) }
            if decoded.contains(where: { $0.hasPrefix(".") || $0.contains("\\") || $0.contains("\0") })
                || decoded.last.map({ $0.hasSuffix(".db") || $0.hasSuffix(".db-wal") || $0.hasSuffix(".db-shm") || $0.hasSuffix(".sqlite") }) == true {
                throw ServerError(.notFound, "not found")
            }
            // What the path names once every link is followed must still be inside the output folder.
            if let root, !decoded.isEmpty, let real = Self.resolved(root + "/" + decoded.joined(separator: "/")),
               real != root, !real.hasPrefix(root + "/") {
                throw ServerError(.notFound, "not found")
            }
        }
        return try await next(request, context)
    }
}
