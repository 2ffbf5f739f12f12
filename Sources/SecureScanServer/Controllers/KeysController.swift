import Foundation
import Hummingbird
import SecureScanCore
import SecureScanStore

/// `/keys`: issuing, listing and revoking database API keys (admin), and `/keys/me` for any key.
struct KeysController {
    let services: ServerServices

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/keys", access: .scope(.admin), id: "createKey", tag: "keys", summary: "Issue a key; its plaintext is returned once",
                     body: .ref("ApiKeyRequest"), answers: [.json(201, "The key, with its plaintext.", .ref("ApiKeyCreated"),
                                                                  links: ["revokeKey": ["id": "$response.body#/id"]])], handler: create),
            Endpoint(.get, "/keys", access: .scope(.admin), id: "listKeys", tag: "keys", summary: "Every key, newest first, revoked ones included",
                     parameters: [.limit, .cursor],
                     answers: [.json(200, "A page of keys (never their secrets).", .list(.ref("ApiKey")),
                                     headers: ["X-Next-Cursor": "The next page's cursor, when there is one."])], handler: list),
            Endpoint(.get, "/keys/me", access: .authenticated, id: "getCurrentKey", tag: "keys", summary: "The calling key",
                     answers: [.json(200, "The calling key.", .ref("ApiKey")),
                               .json(404, "The caller is SECURESCAN_API_KEY, which is not a database key.", .ref("Error"))], handler: me),
            Endpoint(.delete, "/keys/{id}", access: .scope(.admin), id: "revokeKey", tag: "keys", summary: "Revoke a key (idempotent)",
                     parameters: [.path("id", "A key id.")],
                     answers: [.empty(204, "Revoked."), .json(409, "It is the last active admin key and no SECURESCAN_API_KEY is set.", .ref("Error"))],
                     handler: revoke),
        ]
    }

    func create(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await BodyReader.read(request, context: context, known: ["name", "scopes", "expires_in_days"])
        let name = try body.string("name", required: true, length: 1...200)!
        guard !name.trimmingSpaces.isEmpty else { throw ServerError.invalid("field 'name' must not be blank") }
        let scopes = try body.strings("scopes", allowed: APIScope.allCases.map(\.rawValue), maximum: 3)?.compactMap(APIScope.init(rawValue:)) ?? [.read]
        let days = try body.integer("expires_in_days", range: 1...3650)
        let now = services.now()
        let expires = days.map { ServerTime.timestamp(now.addingTimeInterval(Double($0) * 86_400)) }
        let (record, token) = try stored { () throws(StoreError) in
            try services.store.createKey(name: name, scopes: scopes, expiresAt: expires, createdBy: context.principal?.id, at: ServerTime.timestamp(now))
        }
        var value = Representation.key(record)
        value["key"] = .string(token.plaintext)
        return Response.json(.object(value), status: .created, headers: [.cacheControl: "no-store"])
    }

    func list(_ request: Request, context: APIContext) async throws -> Response {
        let query = QueryReader(request)
        let limit = try query.limit(), before = try query.cursor()
        let rows = try stored { () throws(StoreError) in try services.store.keyPage(limit: limit + 1, before: before) }
        return pagedResponse(rows.map { ($0.position, $0.key) }, limit: limit, request: request) { .object(Representation.key($0)) }
    }

    func me(_ request: Request, context: APIContext) async throws -> Response {
        guard let principal = context.principal, principal.source == .database else {
            throw ServerError.notFound("Not authenticated via a database key (the caller is SECURESCAN_API_KEY)")
        }
        return Response.json(.object(Representation.key(try stored { () throws(StoreError) in try services.store.key(id: principal.id) })))
    }

    func revoke(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        // With SECURESCAN_API_KEY set there is always an admin credential; otherwise the last admin key stays.
        let protect = services.authenticator.environmentKey == nil
        _ = try stored { () throws(StoreError) in try services.store.revokeKey(id: id, at: services.timestamp, protectLastAdmin: protect) }
        return .noContent
    }
}
