import Foundation
import Hummingbird
import SecureScanPipeline
import SecureScanStore

/// With a store that keeps artifacts (PostgreSQL), the artifact site comes from the store, so every
/// replica serves every run whichever host scanned it: the index pages rendered from the stored runs
/// (cached until a run is stored or deleted) and each run's files streamed from their blobs
/// (`<target>/latest/…` is the target's newest run). What the store does not hold falls through to this
/// host's output folder.
struct StoredSiteMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let services: ServerServices
    let pages = ResponseCache<Data>(budget: 16 << 20)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get, path == "/site" || path.hasPrefix("/site/") else { return try await next(request, context) }
        let parts = path.dropFirst("/site".count).split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        let store = services.store
        switch parts.count {
        case 0, 1 where parts[0] == "index.html":
            if !path.hasSuffix("/") && parts.isEmpty { return redirect(to: path + "/") }
            return try await page(target: nil)
        case 1, 2 where parts[1] == "index.html":
            if parts.count == 1 && !path.hasSuffix("/") { return redirect(to: path + "/") }
            guard try stored({ () throws(StoreError) in try store.runs(target: parts[0], limit: 1) }).isEmpty == false else {
                return try await next(request, context)
            }
            return try await page(target: parts[0])
        case 3:
            var runID = parts[1]
            if runID == "latest" {
                guard let newest = try stored({ () throws(StoreError) in try store.runs(target: parts[0], limit: 1) }).first else {
                    return try await next(request, context)
                }
                runID = newest.id
            }
            let run = runID
            guard let artifact = try stored({ () throws(StoreError) in try store.artifacts(runID: run) }).first(where: { $0.name == parts[2] }),
                  try stored({ () throws(StoreError) in try store.run(id: run) }).target == parts[0] else {
                return try await next(request, context)
            }
            return StoredArtifactResponse.make(artifact, store: store, request: request)
        default:
            return try await next(request, context)
        }
    }

    /// The overview (`target` nil) or a target's page, as of the stored runs now.
    private func page(target: String?) async throws -> Response {
        let store = services.store
        let key = "\(target ?? "")\u{0}\(try stored { () throws(StoreError) in try store.runsVersion() })"
        if let cached = pages.value(key) { return Response.bytes(cached, mediaType: "text/html; charset=utf-8", headers: [.cacheControl: "no-cache"]) }
        let templates = try await services.templates.load()
        let rendered: (target: Data?, overview: Data?)
        do {
            rendered = try SitePages.stored(in: store, templates: templates).render(store: store, target: target, overview: target == nil)
        } catch let error as StoreError {
            throw ServerError(error)
        }
        guard let data = target == nil ? rendered.overview : rendered.target else { throw ServerError(.notFound, "not found") }
        pages.store(data, bytes: data.count, for: key)
        return Response.bytes(data, mediaType: "text/html; charset=utf-8", headers: [.cacheControl: "no-cache"])
    }

    private func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location])
    }
}
