import Hummingbird
import NIOCore

/// How long a request body may take to arrive after its head: a client that drips a body a byte at a
/// time (a slow-loris) is answered 408 and its connection dropped, instead of holding a handler, or the
/// connection while the rest of the body drips in, for ever. The server sets it per request
/// (``Middleware``); handlers collect bodies through ``collect(_:upTo:)``.
enum BodyDeadline {
    @TaskLocal static var timeout: Duration = .seconds(60)
    /// Stops reading the request's connection: after the 408 is written, the connection closes instead of
    /// draining what is left of the body (nil outside ``Middleware``).
    @TaskLocal static var stopReading: (@Sendable () -> Void)?

    struct Middleware: RouterMiddleware {
        let timeout: Duration

        func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
            try await BodyDeadline.$timeout.withValue(timeout) {
                try await BodyDeadline.$stopReading.withValue(context.stopReading) { try await next(request, context) }
            }
        }
    }

    struct TooLarge: Error {}

    /// The whole body, at most `limit` bytes (``TooLarge`` past it), within ``timeout`` (a 408 past it).
    static func collect(_ request: Request, upTo limit: Int) async throws -> ByteBuffer {
        let timeout = Self.timeout
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do {
                    return try await request.body.collect(upTo: limit)
                } catch {
                    throw TooLarge()
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                Self.stopReading?()
                throw ServerError(.requestTimeout, "the request body did not arrive within \(timeout.components.seconds) s of its head",
                                  headers: [.connection: "close"])
            }
            return buffer
        }
    }
}
