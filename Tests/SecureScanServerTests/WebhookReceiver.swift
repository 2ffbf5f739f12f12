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
    private let bound = Mutex<Int?>(nil)

    private init() {}

    /// The port the kernel gave the listener (it binds port 0, so no other process can hold it).
    var port: Int { bound.withLock { $0 } ?? 0 }

    struct NotListening: Error, CustomStringConvertible {
        var description: String
    }

    static func start(statuses: [Int] = []) async throws -> WebhookReceiver {
        let receiver = WebhookReceiver()
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
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in receiver.bound.withLock { $0 = channel.localAddress?.port } }, logger: logger)
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        receiver.task.withLock { $0 = running }
        for _ in 0..<200 where receiver.bound.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(50)) }
        guard receiver.bound.withLock({ $0 }) != nil else {
            running.cancel()
            throw NotListening(description: "the webhook receiver did not start listening on 127.0.0.1 within 10 s")
        }
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
