import Foundation
import SecureScanCore

/// Webhooks and their durable deliveries: a delivery row exists before any HTTP request is made, so a
/// crash or restart never loses one.
extension Store {
    static func webhook(row: SQLRow) -> WebhookRecord {
        WebhookRecord(
            id: row["id"], name: row["name"], url: row["url"],
            eventFilter: JSONColumn.decode([String].self, row["event_filter"], default: []).compactMap(WebhookEvent.init(rawValue:)),
            enabled: row["enabled"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func delivery(row: SQLRow) -> WebhookDelivery {
        WebhookDelivery(
            id: row["id"], webhookID: row["webhook_id"], event: row["event"],
            status: WebhookDelivery.Status(rawValue: row["status"]) ?? .failed, attempt: row["attempt"],
            nextAttemptAt: row["next_attempt_at"], createdAt: row["created_at"], updatedAt: row["updated_at"],
            responseCode: row["response_code"], responseBody: row["response_body"], error: row["error"],
            payload: JSONColumn.decode(JSONValue.self, row["payload"], default: .null))
    }

    /// Creates a webhook; `sealedSecret` is the secret as the caller sealed it for storage.
    public func createWebhook(name: String, url: String, eventFilter: [WebhookEvent], sealedSecret: String, at time: String) throws(StoreError) -> WebhookRecord {
        let record = WebhookRecord(id: UUID().uuidString.lowercased(), name: name, url: url, eventFilter: eventFilter, enabled: true,
                                   createdAt: time, updatedAt: time)
        try write { db in
            try db.execute("INSERT INTO webhooks (id, name, url, secret, event_filter, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)", [record.id, name, url, sealedSecret, JSONColumn.encode(eventFilter.map(\.rawValue)), time, time])
        }
        return record
    }

    /// Newest first.
    public func webhooks() throws(StoreError) -> [WebhookRecord] {
        try webhookPage(limit: .max).map(\.webhook)
    }

    /// A page of webhooks, newest first, after the cursor `before` (a sequence).
    public func webhookPage(limit: Int, before: Int64? = nil) throws(StoreError) -> [(position: Int64, webhook: WebhookRecord)] {
        try read { db in
            try db.rows("SELECT * FROM webhooks WHERE (? IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?", [before, before, min(limit, Int(Int32.max))]).map { ($0["seq"], Store.webhook(row: $0)) }
        }
    }

    public func webhook(id: String) throws(StoreError) -> WebhookRecord {
        let found = try read { db in try db.row("SELECT * FROM webhooks WHERE id = ?", [id]).map(Store.webhook(row:)) }
        guard let found else { throw .unknownWebhook(id: id) }
        return found
    }

    /// The webhook and its sealed secret, for signing a delivery.
    public func webhookForDelivery(id: String) throws(StoreError) -> (webhook: WebhookRecord, sealedSecret: String)? {
        try read { db in
            try db.row("SELECT * FROM webhooks WHERE id = ?", [id]).map { (Store.webhook(row: $0), $0["secret"]) }
        }
    }

    /// Changes the given fields.
    public func updateWebhook(id: String, name: String?, url: String?, eventFilter: [WebhookEvent]?, enabled: Bool?, at time: String) throws(StoreError) -> WebhookRecord {
        try write { db in
            try db.execute("""
                    UPDATE webhooks SET name = COALESCE(?, name), url = COALESCE(?, url), event_filter = COALESCE(?, event_filter),
                        enabled = COALESCE(?, enabled), updated_at = ? WHERE id = ?
                    """, [name, url, eventFilter.map { JSONColumn.encode($0.map(\.rawValue)) }, enabled, time, id])
            guard let row = try db.row("SELECT * FROM webhooks WHERE id = ?", [id]) else {
                throw StoreError.unknownWebhook(id: id)
            }
            return Store.webhook(row: row)
        }
    }

    /// Deletes a webhook and its deliveries.
    public func deleteWebhook(id: String) throws(StoreError) {
        try write { db in
            try db.execute("DELETE FROM webhook_deliveries WHERE webhook_id = ?", [id])
            if try db.execute("DELETE FROM webhooks WHERE id = ?", [id]) == 0 { throw StoreError.unknownWebhook(id: id) }
        }
    }

    /// The newest deliveries of a webhook.
    public func deliveries(webhookID: String, limit: Int = 100) throws(StoreError) -> [WebhookDelivery] {
        try deliveryPage(webhookID: webhookID, limit: limit).map(\.delivery)
    }

    /// A page of a webhook's deliveries, newest first, after the cursor `before` (a sequence).
    public func deliveryPage(webhookID: String, limit: Int, before: Int64? = nil) throws(StoreError) -> [(position: Int64, delivery: WebhookDelivery)] {
        try read { db in
            try db.rows("SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND (? IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?", [webhookID, before, before, limit]
            ).map { ($0["seq"], Store.delivery(row: $0)) }
        }
    }

    public func delivery(id: String) throws(StoreError) -> WebhookDelivery? {
        try read { db in try db.row("SELECT * FROM webhook_deliveries WHERE id = ?", [id]).map(Store.delivery(row:)) }
    }

    /// A pending delivery of `payload` to one webhook, whatever its filter (the test endpoint).
    public func enqueueDelivery(_ payload: WebhookPayload, webhookID: String) throws(StoreError) -> String {
        try write { db in
            guard try db.value(Int.self, "SELECT 1 FROM webhooks WHERE id = ?", [webhookID]) != nil else {
                throw StoreError.unknownWebhook(id: webhookID)
            }
            return try Store.enqueueDeliveries(payload, in: db, onlySubscribers: false, webhookID: webhookID).first ?? ""
        }
    }

    @discardableResult
    static func enqueueDeliveries(_ payload: WebhookPayload, in db: any SQLConnection, onlySubscribers: Bool, webhookID: String?) throws -> [String] {
        let hooks = try db.rows("SELECT * FROM webhooks WHERE (? IS NULL OR id = ?) ORDER BY seq", [webhookID, webhookID]
        ).map(Store.webhook(row:))
        var ids: [String] = []
        let now = Store.preciseTimestamp(Date())
        for hook in hooks where !onlySubscribers || (hook.enabled && hook.eventFilter.contains(payload.event)) {
            let id = UUID().uuidString.lowercased()
            try db.execute("""
                    INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempt, next_attempt_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                    """, [id, hook.id, payload.event.rawValue, payload.stored.compactJSON, now, now, now])
            ids.append(id)
        }
        return ids
    }

    /// Claims up to `limit` due deliveries (`pending` → `delivering`), oldest first, at most one per
    /// webhook so each receiver gets its events in order.
    public func claimDueDeliveries(now time: String, limit: Int, excludingWebhooks busy: Set<String> = []) throws(StoreError) -> [WebhookDelivery] {
        try write { db in
            let rows = try db.rows("SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?", [time, limit * 4])
            var claimed: [WebhookDelivery] = []
            var hooks = busy
            for row in rows where claimed.count < limit {
                var delivery = Store.delivery(row: row)
                guard !hooks.contains(delivery.webhookID) else { continue }
                hooks.insert(delivery.webhookID)
                // Older pending deliveries of the same webhook go first, so skip this one if any is not yet due.
                if try db.value(Int.self, "SELECT 1 FROM webhook_deliveries WHERE webhook_id = ? AND seq < ? AND status IN ('pending', 'delivering') LIMIT 1", [delivery.webhookID, row["seq"] as Int64]) != nil { continue }
                let changed = try db.execute(
                    "UPDATE webhook_deliveries SET status = 'delivering', updated_at = ? WHERE id = ? AND status = 'pending'", [time, delivery.id])
                guard changed == 1 else { continue }
                delivery.status = .delivering
                claimed.append(delivery)
            }
            return claimed
        }
    }

    /// Records an attempt's outcome: `succeeded`, `failed` for good, or back to `pending` for a retry at `retryAt`.
    public func finishDelivery(id: String, status: WebhookDelivery.Status, responseCode: Int?, responseBody: String?, error: String?,
                               retryAt: String?, at time: String) throws(StoreError) {
        try write { db in
            try db.execute("""
                    UPDATE webhook_deliveries SET status = ?, attempt = attempt + 1, response_code = ?, response_body = ?, error = ?,
                        next_attempt_at = COALESCE(?, next_attempt_at), updated_at = ? WHERE id = ?
                    """, [status.rawValue, responseCode, responseBody.map { String($0.prefix(2000)) }, error, retryAt, time, id])
        }
    }

    /// After a restart: deliveries a dead process was sending go back to `pending`.
    @discardableResult
    /// `claimedBefore` (processes sharing a store): only deliveries claimed before that time, the others
    /// being in the hands of live processes.
    public func resetInFlightDeliveries(at time: String, claimedBefore cutoff: String? = nil) throws(StoreError) -> Int {
        try write { db in
            try db.execute("""
                UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ?
                WHERE status = 'delivering' AND (? IS NULL OR updated_at < ?)
                """, [time, time, cutoff, cutoff])
        }
    }

    /// Deliveries still to be made, for `securescan scan`'s flush before it exits.
    public func pendingDeliveryCount() throws(StoreError) -> Int {
        try read { db in try db.value(Int.self, "SELECT COUNT(*) FROM webhook_deliveries WHERE status IN ('pending', 'delivering')") ?? 0 }
    }

    /// ISO-8601 UTC with milliseconds: sorts as text, which delivery scheduling relies on.
    public static func preciseTimestamp(_ date: Date) -> String { UTCTimestamp.iso8601Milliseconds(date) }
}
