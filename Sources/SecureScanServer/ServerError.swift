import Foundation
import HTTPTypes
import Hummingbird

/// An error answered as JSON (`{"detail": …, "status": …}`, the reference system's shape) with its status.
public struct ServerError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String

    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONBody.response(["detail": detail, "status": String(status.code)], status: status)
    }
}

/// JSON responses with sorted keys and unescaped slashes: stable bytes, readable URLs.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
