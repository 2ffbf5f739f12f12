import HTTPTypes
import Hummingbird
import SecureScanCore
import SecureScanStore

/// `/notifications`: the items scan events raise (completed with findings, failed, scanner failed, new
/// critical or high findings), newest first.
struct NotificationsController {
    let services: ServerServices

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/notifications", access: .scope(.read), id: "listNotifications", tag: "notifications", summary: "Notifications, newest first",
                     parameters: [.query("unread_only", .boolean, "Only unread ones."),
                                  .query("limit", .integer(minimum: 1, maximum: 200), "Page size (default 50, at most 200)."), .cursor],
                     answers: [.json(200, "A page of notifications.", .list(.ref("Notification")), headers: ["X-Next-Cursor": "The next page's cursor."])],
                     handler: list),
            Endpoint(.get, "/notifications/unread-count", access: .scope(.read), id: "countUnreadNotifications", tag: "notifications",
                     summary: "How many are unread", answers: [.json(200, "The count.", .ref("Count"))], handler: unreadCount),
            Endpoint(.patch, "/notifications/read-all", access: .scope(.write), id: "markAllNotificationsRead", tag: "notifications",
                     summary: "Mark every notification read", answers: [.json(200, "How many were marked.", .ref("MarkedRead"))], handler: readAll),
            Endpoint(.patch, "/notifications/{id}/read", access: .scope(.write), id: "markNotificationRead", tag: "notifications",
                     summary: "Mark one read (idempotent)", parameters: [.path("id", "A notification id.")],
                     answers: [.json(200, "The notification.", .ref("Notification"))], handler: read),
        ]
    }

    func list(_ request: Request, context: APIContext) async throws -> Response {
        let query = QueryReader(request)
        let limit = try query.integer("limit", range: 1...200, default: 50)
        let unread = try query.bool("unread_only") ?? false
        let before = try query.cursor()
        let rows = try stored { () throws(StoreError) in
            try services.store.notifications(unreadOnly: unread, limit: limit + 1, before: before.map(Int.init))
        }
        let page = Array(rows.prefix(limit))
        var headers = HTTPFields()
        if rows.count > limit, let last = page.last { addNextPage(&headers, request: request, cursor: Int64(last.sequence)) }
        return Response.json(.array(page.map { Representation.notification($0.notification) }), headers: headers)
    }

    func unreadCount(_ request: Request, context: APIContext) async throws -> Response {
        Response.json(["count": .int(try stored { () throws(StoreError) in try services.store.unreadNotificationCount() })])
    }

    func readAll(_ request: Request, context: APIContext) async throws -> Response {
        Response.json(["marked_read": .int(try stored { () throws(StoreError) in try services.store.markAllNotificationsRead(at: services.timestamp) })])
    }

    func read(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        return Response.json(Representation.notification(try stored { () throws(StoreError) in
            try services.store.markNotificationRead(id: id, at: services.timestamp)
        }))
    }
}
