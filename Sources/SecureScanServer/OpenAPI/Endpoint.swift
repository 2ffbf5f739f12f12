import HTTPTypes
import Hummingbird
import SecureScanCore

/// One API operation: its method and path (under `/api/v1` and the legacy `/api`), who may call it,
/// what it takes and answers, and its handler. The router and the OpenAPI document are both built from
/// the list of endpoints, so they cannot disagree.
struct Endpoint: Sendable {
    enum Access: Sendable, Hashable {
        /// No key needed (`/`, `/health`, `/ready`, the docs).
        case open
        /// Any valid key, whatever its scopes (`/keys/me`).
        case authenticated
        /// A key whose scopes include this one (hierarchically).
        case scope(APIScope)
    }

    struct Parameter: Sendable {
        enum Location: String, Sendable {
            case path
            case query
            case header
        }

        var name: String
        var location: Location
        var schema: APISchema
        var required: Bool
        var description: String

        static func path(_ name: String, _ description: String, schema: APISchema = .string(length: 1...200)) -> Parameter {
            Parameter(name: name, location: .path, schema: schema, required: true, description: description)
        }

        static func query(_ name: String, _ schema: APISchema, _ description: String, required: Bool = false) -> Parameter {
            Parameter(name: name, location: .query, schema: schema, required: required, description: description)
        }

        static let limit = query("limit", .integer(minimum: 1, maximum: ServerLimits.maximumPageSize), "Page size (default 50).")
        static let cursor = query("cursor", .string(pattern: PageCursor.pattern, length: 2...19), "The `X-Next-Cursor` of the previous page.")
    }

    struct Answer: Sendable {
        var status: Int
        var description: String
        /// nil: no body. Media type → schema.
        var content: [String: APISchema]?
        var headers: [String: String] = [:]
        /// OpenAPI links: operations this answer's body supplies parameters to (operation id → parameter → expression).
        var links: [String: [String: String]] = [:]

        static func json(_ status: Int, _ description: String, _ schema: APISchema, headers: [String: String] = [:],
                         links: [String: [String: String]] = [:]) -> Answer {
            Answer(status: status, description: description, content: ["application/json": schema], headers: headers, links: links)
        }

        static func empty(_ status: Int, _ description: String) -> Answer { Answer(status: status, description: description, content: nil) }
    }

    typealias Handler = @Sendable (Request, APIContext) async throws -> Response

    var method: HTTPRequest.Method
    /// Relative to the API prefix, with `{name}` parameters.
    var path: String
    var access: Access
    var operationID: String
    var tag: String
    var summary: String
    var description: String = ""
    var parameters: [Parameter] = []
    var requestBody: APISchema?
    var requestBodyRequired = true
    var answers: [Answer]
    /// Changes something: refused (405) by a read-only server.
    var mutates: Bool
    /// Counted by the scan-creation rate limit.
    var rateLimited = false
    /// Also accepts `?event_token=` instead of a key (the SSE stream).
    var acceptsEventToken = false
    /// Served at the root (`/health`) instead of under `/api/v1` and `/api`.
    var atRoot = false
    var handler: Handler

    init(
        _ method: HTTPRequest.Method, _ path: String, access: Access, id operationID: String, tag: String, summary: String,
        description: String = "", parameters: [Parameter] = [], body: APISchema? = nil, bodyRequired: Bool = true,
        answers: [Answer], mutates: Bool? = nil, rateLimited: Bool = false, acceptsEventToken: Bool = false, atRoot: Bool = false,
        handler: @escaping Handler
    ) {
        self.atRoot = atRoot
        self.method = method
        self.path = path
        self.access = access
        self.operationID = operationID
        self.tag = tag
        self.summary = summary
        self.description = description
        self.parameters = parameters
        self.requestBody = body
        self.requestBodyRequired = bodyRequired
        self.answers = answers
        self.mutates = mutates ?? (method != .get && method != .head)
        self.rateLimited = rateLimited
        self.acceptsEventToken = acceptsEventToken
        self.handler = handler
    }

    /// The scope the OpenAPI document and errors name.
    var scopeName: String {
        switch access {
        case .open: "none"
        case .authenticated: "any key"
        case .scope(let scope): scope.rawValue
        }
    }

    /// Every answer, with the error answers the wrapper and the server add.
    var allAnswers: [Answer] {
        var answers = self.answers
        let error = APISchema.ref("Error")
        func add(_ status: Int, _ description: String, headers: [String: String] = [:]) {
            guard !answers.contains(where: { $0.status == status }) else { return }
            answers.append(.json(status, description, error, headers: headers))
        }
        if access != .open { add(401, "No key, or an invalid, revoked or expired one.", headers: ["WWW-Authenticate": "Always `Bearer`."]) }
        if case .scope = access { add(403, "The key's scopes do not include `\(scopeName)`.") }
        if parameters.contains(where: { $0.location == .path }) { add(404, "Not found.") }
        if !parameters.filter({ $0.location == .query }).isEmpty || requestBody != nil || parameters.contains(where: { $0.location == .path }) {
            add(422, "A parameter or body field is missing or invalid; `detail` names it.")
        }
        if mutates { add(405, "The server is read-only (`securescan serve --read-only`).") }
        if requestBody != nil {
            add(413, "The body is larger than \(ServerLimits.maximumBodyBytes) bytes.")
            add(415, "The body is not JSON.")
        }
        if rateLimited {
            add(429, "Too many requests for this key; `Retry-After` says when to retry.",
                headers: ["Retry-After": "Seconds to wait.", "X-RateLimit-Limit": "Requests a minute.", "X-RateLimit-Remaining": "0.", "X-RateLimit-Reset": "Unix time of the next allowed request."])
        }
        return answers.sorted { $0.status < $1.status }
    }
}
