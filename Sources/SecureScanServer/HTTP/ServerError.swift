import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore
import SecureScanStore

/// An error answered as JSON, `{"detail": …, "status": …}` (the reference system's `detail`, plus the
/// status code), with any headers it needs (`Allow`, `WWW-Authenticate`, `Retry-After`, …).
public struct ServerError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    var headers: HTTPFields = [:]
    /// Extra members of the body.
    var extra: [String: JSONValue] = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:], extra: [String: JSONValue] = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
        self.extra = extra
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = extra
        body["detail"] = .string(detail)
        body["status"] = .int(status.code)
        var response = Response.json(.object(body), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    static func notFound(_ detail: String) -> ServerError { ServerError(.notFound, detail) }
    static func invalid(_ detail: String) -> ServerError { ServerError(.unprocessableContent, detail) }
    static func conflict(_ detail: String) -> ServerError { ServerError(.conflict, detail) }
    static func badRequest(_ detail: String) -> ServerError { ServerError(.badRequest, detail) }
    static func forbidden(_ detail: String) -> ServerError { ServerError(.forbidden, detail) }

    static func unauthorized(_ detail: String) -> ServerError {
        ServerError(.unauthorized, detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    static func methodNotAllowed(_ detail: String, allow: [HTTPRequest.Method]) -> ServerError {
        ServerError(.methodNotAllowed, detail, headers: [.allow: allow.map(\.rawValue).joined(separator: ", ")])
    }
}

extension Response {
    /// A JSON response: compact, keys sorted, `/` unescaped; the same value always gives the same bytes.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.compactJSONBytes)))
    }

    /// A JSON response from a writer's bytes.
    static func json(_ writer: JSONWriter, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }

    /// Bytes with their media type.
    static func bytes(_ data: Data, mediaType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = mediaType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 204.
    static var noContent: Response { Response(status: .noContent) }
}

extension ServerError {
    /// The HTTP answer to a store error: unknown things are 404, conflicts 409, a shared store that cannot
    /// be reached 503, the rest 500 (their message names the database problem).
    init(_ error: StoreError) {
        switch error {
        case .unknownRun, .unknownScan, .unknownKey, .unknownFingerprint, .unknownComment, .unknownNotification, .unknownWebhook, .unknownTarget,
             .unknownBatch:
            self.init(.notFound, error.description)
        case .scanActive, .lastAdminKey, .scanNoLongerRunning, .batchClaimLost:
            self.init(.conflict, error.description)
        case .serverUnreachable:
            // The shared store is down or restarting: a load balancer may try another replica or later.
            self.init(.serviceUnavailable, error.description)
        case .cannotOpen, .migrationFailed, .schemaOutOfDate, .writeFailed, .readFailed, .updateFailed, .invalidDatabaseURL,
             .newerSchema, .destinationNotEmpty, .copyMismatch:
            self.init(.internalServerError, error.description)
        }
    }
}

/// Runs a store call, answering its errors over HTTP.
func stored<T>(_ body: () throws(StoreError) -> T) throws(ServerError) -> T {
    do {
        return try body()
    } catch {
        throw ServerError(error)
    }
}
