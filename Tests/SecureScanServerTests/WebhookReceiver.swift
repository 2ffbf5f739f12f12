import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A real HTTP server on 127.0.0.1 that records the webhook requests it gets and answers with the
/// statuses a test lines up (then 200).
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var headers: HTTPFields
        var body: String
    }

    private let state = Mutex<(received: [Received], statuses: [Int])>(([], []))
    private let task = Mutex<Task<Void, any Error>?>(nil)
    let port: Int

    private init(port: Int) { self.port = port }

    static func start(statuses: [Int] = []) async throws -> WebhookReceiver {
        let port = Int.random(in: 30_000...60_000)
        let receiver = WebhookReceiver(port: port)
        receiver.state.withLock { $0.statuses = statuses }
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let status = receiver.state.withLock { state -> Int in
                state.received.append(Received(headers: request.headers, body: String(buffer: body)))
                return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
            }
            return Response(status: .init(code: status), body: ResponseBody(byteBuffer: ByteBuffer(string: "answer \(status)")))
        }
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        receiver.task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        try await Task.sleep(for: .milliseconds(300))
        return receiver
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }
    var received: [Received] { state.withLock { $0.received } }

    /// Waits until `count` requests arrived (up to `seconds`).
    func waitFor(_ count: Int, seconds: Double = 15) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(seconds)
        while received.count < count, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        return received
    }

    func stop() { task.withLock { $0?.cancel() } }
}
