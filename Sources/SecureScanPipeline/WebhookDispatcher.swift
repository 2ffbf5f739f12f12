import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SecureScanCore
import SecureScanStore

/// Sends the stored webhook deliveries: claims due rows, posts the signed body, records the outcome, and
/// schedules retries with full-jitter exponential backoff (5 s doubling to 5 min) until a delivery is
/// 30 minutes old. Each webhook receives its deliveries in order; different webhooks are served in
/// parallel. The server runs it continuously; `securescan scan` flushes a run's deliveries before it exits.
public struct WebhookDispatcher: Sendable {
    public static let maximumAge: TimeInterval = 30 * 60
    public static let requestTimeout: TimeAmount = .seconds(10)
    static let userAgent = "SecureScan-Webhook/\(ToolInfo.current.version)"

    public var store: Store
    /// Opens the stored secrets; nil when none was ever stored (then no webhook exists either).
    public var seal: SecretSeal?
    public var policy: WebhookTargetPolicy
    public var now: @Sendable () -> Date

    public init(store: Store, seal: SecretSeal?, policy: WebhookTargetPolicy, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.seal = seal
        self.policy = policy
        self.now = now
    }

    /// Delay before retry number `attempt` (1-based): uniform in [0, min(5 s · 2^(attempt−1), 300 s)].
    static func backoff(attempt: Int) -> TimeInterval {
        let cap = min(5 * pow(2, Double(max(attempt, 1) - 1)), 300)
        return Double.random(in: 0...cap)
    }

    /// One round: every due delivery (one per webhook) is attempted once. Returns how many were attempted.
    @discardableResult
    public func deliverDue(limit: Int = 20) async -> Int {
        guard let due = try? store.claimDueDeliveries(now: Store.preciseTimestamp(now()), limit: limit), !due.isEmpty else { return 0 }
        await withTaskGroup(of: Void.self) { group in
            for delivery in due { group.addTask { await attempt(delivery) } }
        }
        return due.count
    }

    /// Runs rounds until cancelled: the server's background loop.
    public func run(interval: Duration = .seconds(1)) async {
        // Deliveries a dead process was sending go back to pending: on a shared store, only those claimed
        // long enough ago that no live process is still sending them (an attempt times out well before).
        let started = now()
        _ = try? store.resetInFlightDeliveries(
            at: Store.preciseTimestamp(started), claimedBefore: store.isShared ? Store.preciseTimestamp(started.addingTimeInterval(-600)) : nil)
        while !Task.isCancelled {
            let attempted = await deliverDue()
            if attempted == 0 { try? await Task.sleep(for: interval) }
        }
    }

    /// Delivers what is due until nothing is pending or `deadline` passes; what is left stays pending
    /// for the server (or the next run) to deliver.
    public func flush(deadline: Duration) async {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while clock.now < end, ((try? store.pendingDeliveryCount()) ?? 0) > 0 {
            if await deliverDue() == 0 { try? await Task.sleep(for: .milliseconds(200)) }
        }
    }

    private func attempt(_ delivery: WebhookDelivery) async {
        let started = now()
        func finish(_ status: WebhookDelivery.Status, code: Int? = nil, body: String? = nil, error: String? = nil) {
            var status = status
            var retryAt: String?
            if status == .pending {
                let age = started.timeIntervalSince(ISO8601.date(delivery.createdAt) ?? started)
                if age > Self.maximumAge {
                    status = .failed
                } else {
                    retryAt = Store.preciseTimestamp(started.addingTimeInterval(Self.backoff(attempt: delivery.attempt + 1)))
                }
            }
            try? store.finishDelivery(id: delivery.id, status: status, responseCode: code, responseBody: body, error: error,
                                      retryAt: retryAt, at: Store.preciseTimestamp(now()))
        }
        guard let (webhook, sealed) = try? store.webhookForDelivery(id: delivery.webhookID) ?? nil else {
            return finish(.failed, error: "webhook deleted")
        }
        guard webhook.enabled else { return finish(.failed, error: "webhook disabled") }
        guard let payload = WebhookPayload(stored: delivery.payload) else { return finish(.failed, error: "stored payload unreadable") }
        guard let secret = seal?.open(sealed) else {
            return finish(.failed, error: "cannot open the webhook secret: the secret key (\(SecretKeyFile.environmentVariable) or .securescan-secret.key) is not the one it was stored with")
        }
        if let refusal = await policy.check(url: webhook.url) { return finish(.pending, error: refusal) }
        let body = payload.body(flavor: WebhookPayload.Flavor(url: webhook.url), deliveryID: delivery.id, deliveredAt: Pipeline.timestamp(started))
        let timestamp = Int(started.timeIntervalSince1970)
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "X-SecureScan-Signature", value: WebhookPayload.signature(secret: Array(secret.utf8), timestamp: timestamp, body: body))
        request.headers.add(name: "X-SecureScan-Event", value: payload.event.rawValue)
        request.headers.add(name: "X-SecureScan-Webhook-Id", value: webhook.id)
        request.headers.add(name: "X-SecureScan-Delivery", value: delivery.id)
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await WebhookDispatcher.client.execute(request, timeout: Self.requestTimeout)
            var answer = try await response.body.collect(upTo: 64 << 10)
            let text = answer.readString(length: min(answer.readableBytes, 2000)) ?? ""
            let code = Int(response.status.code)
            if (200..<300).contains(code) {
                finish(.succeeded, code: code, body: text)
            } else {
                finish(.pending, code: code, body: text, error: "HTTP \(code)")
            }
        } catch {
            finish(.pending, error: "transport: \(error)")
        }
    }

    /// One client for every delivery: redirects are not followed (a redirect could point anywhere).
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}

/// Reads the timestamps the store writes.
enum ISO8601 {
    static func date(_ text: String) -> Date? {
        let precise = ISO8601DateFormatter()
        precise.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = precise.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}
