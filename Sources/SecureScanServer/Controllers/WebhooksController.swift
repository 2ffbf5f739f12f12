import Foundation
import Hummingbird
import SecureScanCore
import SecureScanPipeline
import SecureScanStore

/// `/webhooks` (admin only): outbound webhooks with HMAC-signed, durable, retried deliveries.
struct WebhooksController {
    let services: ServerServices

    var endpoints: [Endpoint] {
        let id = Endpoint.Parameter.path("id", "A webhook id.")
        return [
            Endpoint(.post, "/webhooks", access: .scope(.admin), id: "createWebhook", tag: "webhooks",
                     summary: "Create a webhook; its signing secret is returned once",
                     description: "Deliveries are signed `X-SecureScan-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.\" + body)>`. Slack (`hooks.slack.com`) and Discord URLs get their own payload shapes. Internal network addresses are refused unless config allows them (`webhooks.allow_networks`).",
                     body: .ref("WebhookRequest"), answers: [.json(201, "The webhook, with its secret.", .ref("WebhookCreated"),
                     links: Dictionary(uniqueKeysWithValues: ["getWebhook", "updateWebhook", "listWebhookDeliveries", "testWebhook", "deleteWebhook"]
                        .map { ($0, ["id": "$response.body#/id"]) }))], handler: create),
            Endpoint(.get, "/webhooks", access: .scope(.admin), id: "listWebhooks", tag: "webhooks", summary: "Webhooks, newest first",
                     parameters: [.limit, .cursor],
                     answers: [.json(200, "A page of webhooks.", .list(.ref("Webhook")), headers: ["X-Next-Cursor": "The next page's cursor."])],
                     handler: list),
            Endpoint(.get, "/webhooks/{id}", access: .scope(.admin), id: "getWebhook", tag: "webhooks", summary: "A webhook", parameters: [id],
                     answers: [.json(200, "The webhook.", .ref("Webhook"))], handler: get),
            Endpoint(.patch, "/webhooks/{id}", access: .scope(.admin), id: "updateWebhook", tag: "webhooks",
                     summary: "Change a webhook's name, URL, events or enabled flag (the secret cannot be changed: recreate the webhook)",
                     parameters: [id], body: .ref("WebhookUpdate"), answers: [.json(200, "The webhook.", .ref("Webhook"))], handler: update),
            Endpoint(.delete, "/webhooks/{id}", access: .scope(.admin), id: "deleteWebhook", tag: "webhooks",
                     summary: "Delete a webhook and its deliveries", parameters: [id], answers: [.empty(204, "Deleted.")], handler: delete),
            Endpoint(.get, "/webhooks/{id}/deliveries", access: .scope(.admin), id: "listWebhookDeliveries", tag: "webhooks",
                     summary: "Deliveries, newest first (100 a page unless `limit` says otherwise)",
                     parameters: [id, .query("limit", .integer(minimum: 1, maximum: 1000), "Page size (default 100)."), .cursor],
                     answers: [.json(200, "A page of deliveries (payloads are not shown).", .list(.ref("WebhookDelivery")),
                                     headers: ["X-Next-Cursor": "The next page's cursor."])], handler: deliveries),
            Endpoint(.post, "/webhooks/{id}/test", access: .scope(.admin), id: "testWebhook", tag: "webhooks",
                     summary: "Queue a webhook.test delivery", parameters: [id],
                     answers: [.json(202, "Queued.", .ref("WebhookTest"))], handler: test),
        ]
    }

    static let events = WebhookEvent.allCases.map(\.rawValue)

    func url(_ body: BodyReader, required: Bool) throws -> String? {
        guard let url = try body.string("url", required: required, nullable: false, length: 1...2048) else { return nil }
        if let problem = services.webhookPolicy.problem(withURL: url) { throw ServerError.invalid("field 'url': \(problem)") }
        return url.trimmingCharacters(in: .whitespaces)
    }

    func filter(_ body: BodyReader, required: Bool) throws -> [WebhookEvent]? {
        guard let values = try body.strings("event_filter", allowed: Self.events, minimum: 1, maximum: 10) else {
            if required { throw ServerError.invalid("field 'event_filter' is required (one or more of \(Self.events.joined(separator: ", ")))") }
            return nil
        }
        return Array(Set(values.compactMap(WebhookEvent.init(rawValue:)))).sorted { $0.rawValue < $1.rawValue }
    }

    func create(_ request: Request, context: APIContext) async throws -> Response {
        guard let seal = services.seal else { throw ServerError(.methodNotAllowed, "this server is read-only") }
        let body = try await BodyReader.read(request, context: context, known: ["name", "url", "event_filter", "enabled"])
        let name = try body.string("name", required: true, length: 1...200)!
        let url = try url(body, required: true)!
        let filter = try filter(body, required: true)!
        let enabled = try body.bool("enabled")
        var generator = SystemRandomNumberGenerator()
        let secret = Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        var record = try stored { () throws(StoreError) in
            try services.store.createWebhook(name: name, url: url, eventFilter: filter, sealedSecret: seal.seal(secret), at: services.timestamp)
        }
        if enabled == false {
            record = try stored { () throws(StoreError) in
                try services.store.updateWebhook(id: record.id, name: nil, url: nil, eventFilter: nil, enabled: false, at: services.timestamp)
            }
        }
        var value = Representation.webhook(record)
        value["secret"] = .string(secret)
        return Response.json(.object(value), status: .created, headers: [.cacheControl: "no-store"])
    }

    func list(_ request: Request, context: APIContext) async throws -> Response {
        let query = QueryReader(request)
        let limit = try query.limit(), before = try query.cursor()
        let rows = try stored { () throws(StoreError) in try services.store.webhookPage(limit: limit + 1, before: before) }
        return pagedResponse(rows.map { ($0.position, $0.webhook) }, limit: limit, request: request) { .object(Representation.webhook($0)) }
    }

    func get(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        return Response.json(.object(Representation.webhook(try stored { () throws(StoreError) in try services.store.webhook(id: id) })))
    }

    func update(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        let body = try await BodyReader.read(request, context: context, known: ["name", "url", "event_filter", "enabled"], allowEmpty: true)
        let name = try body.string("name", nullable: false, length: 1...200)
        let url = try url(body, required: false)
        let filter = try filter(body, required: false)
        let enabled = try body.bool("enabled")
        let record = try stored { () throws(StoreError) in
            try services.store.updateWebhook(id: id, name: name, url: url, eventFilter: filter, enabled: enabled, at: services.timestamp)
        }
        return Response.json(.object(Representation.webhook(record)))
    }

    func delete(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        try stored { () throws(StoreError) in try services.store.deleteWebhook(id: id) }
        return .noContent
    }

    func deliveries(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        _ = try stored { () throws(StoreError) in try services.store.webhook(id: id) }
        let query = QueryReader(request)
        let limit = try query.limit(default: 100), before = try query.cursor()
        let rows = try stored { () throws(StoreError) in try services.store.deliveryPage(webhookID: id, limit: limit + 1, before: before) }
        return pagedResponse(rows.map { ($0.position, $0.delivery) }, limit: limit, request: request, Representation.delivery)
    }

    func test(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        let time = services.timestamp
        let payload = WebhookPayload(event: .webhookTest, scanID: nil, data: ["message": "Test from SecureScan", "timestamp": .string(time)], occurredAt: time)
        let delivery = try stored { () throws(StoreError) in try services.store.enqueueDelivery(payload, webhookID: id) }
        return Response.json(["delivery_id": .string(delivery), "webhook_id": .string(id), "event": "webhook.test"], status: .accepted)
    }
}
