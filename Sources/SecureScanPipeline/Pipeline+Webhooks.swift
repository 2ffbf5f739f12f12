import Foundation
import SecureScanCore
import SecureScanStore

extension Pipeline {
    /// Sends the webhook deliveries a run queued (scan.complete, findings.new, scanner.failed) before the
    /// command exits, for at most `deadline`; whatever is still pending then (a receiver that is down)
    /// stays in the database for `securescan serve` or the next run to retry. Returns how many are left.
    @discardableResult
    public static func deliverWebhooks(for outcome: ScanOutcome, deadline: Duration = .seconds(15)) async -> Int {
        await deliverWebhooks(database: outcome.database, policy: outcome.webhookPolicy, deadline: deadline)
    }

    /// The same for whatever the database holds pending (a batch's deliveries).
    @discardableResult
    public static func deliverWebhooks(database: StoreLocation, policy: WebhookTargetPolicy, deadline: Duration = .seconds(15)) async -> Int {
        guard let store = try? Store.open(database), let pending = try? store.pendingDeliveryCount(), pending > 0 else {
            return 0
        }
        let seal = try? SecretKeyFile.seal(for: database, create: false)
        let dispatcher = WebhookDispatcher(store: store, seal: seal ?? nil, policy: policy)
        await dispatcher.flush(deadline: deadline)
        return (try? store.pendingDeliveryCount()) ?? 0
    }
}
