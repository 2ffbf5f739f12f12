import SecureScanCore

/// Notifications: the dashboard's bell items, raised by scan events.
extension Store {
    static func insert(_ notification: Notification, in db: any SQLConnection) throws {
        try db.execute("""
                INSERT INTO notifications (id, type, title, body, link, severity, scan_id, created_at, read_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [notification.id, notification.type, notification.title, notification.body, notification.link,
                        notification.severity.rawValue, notification.scanID, notification.createdAt, notification.readAt])
    }

    static func notification(row: SQLRow) -> Notification {
        Notification(
            id: row["id"], type: row["type"], title: row["title"], body: row["body"], link: row["link"],
            severity: Notification.Level(rawValue: row["severity"]) ?? .info, scanID: row["scan_id"], createdAt: row["created_at"],
            readAt: row["read_at"])
    }

    /// Newest first, with each one's sequence (the cursor).
    public func notifications(unreadOnly: Bool, limit: Int, before: Int? = nil) throws(StoreError) -> [(sequence: Int, notification: Notification)] {
        try read { db in
            try db.rows("""
                    SELECT * FROM notifications WHERE (? = 0 OR read_at IS NULL) AND (? IS NULL OR seq < ?)
                    ORDER BY seq DESC LIMIT ?
                    """, [unreadOnly ? 1 : 0, before, before, limit]
            ).map { ($0["seq"], Store.notification(row: $0)) }
        }
    }

    public func unreadNotificationCount() throws(StoreError) -> Int {
        try read { db in try db.value(Int.self, "SELECT COUNT(*) FROM notifications WHERE read_at IS NULL") ?? 0 }
    }

    /// Marks one read (idempotent: the first read time stays).
    public func markNotificationRead(id: String, at time: String) throws(StoreError) -> Notification {
        try write { db in
            try db.execute("UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ?", [time, id])
            guard let row = try db.row("SELECT * FROM notifications WHERE id = ?", [id]) else {
                throw StoreError.unknownNotification(id: id)
            }
            return Store.notification(row: row)
        }
    }

    /// Marks every unread one read; returns how many.
    public func markAllNotificationsRead(at time: String) throws(StoreError) -> Int {
        try write { db in
            try db.execute("UPDATE notifications SET read_at = ? WHERE read_at IS NULL", [time])
        }
    }

    /// Deletes read notifications older than `cutoff`; unread ones are kept whatever their age.
    @discardableResult
    public func pruneReadNotifications(olderThan cutoff: String) throws(StoreError) -> Int {
        try write { db in
            try db.execute("DELETE FROM notifications WHERE read_at IS NOT NULL AND created_at < ?", [cutoff])
        }
    }
}
