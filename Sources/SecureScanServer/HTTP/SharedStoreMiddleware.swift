import Hummingbird
import SecureScanScanners

/// With a shared (PostgreSQL) store, a request's store calls wait on the network: they run on the
/// threads blocking work uses (``ScanExecutor``), never on Swift's cooperative pool, which has one
/// thread a core and also runs every other request, event stream and time limit.
struct SharedStoreMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(ScanExecutor.shared) { try await next(request, context) }
    }
}
