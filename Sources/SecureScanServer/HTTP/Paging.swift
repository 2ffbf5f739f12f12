import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore

/// `X-Next-Cursor` and `Link: <…>; rel="next"` for a page that has a successor.
func addNextPage(_ headers: inout HTTPFields, request: Request, cursor: Int64) {
    let token = PageCursor.encode(cursor)
    headers[HTTPField.Name("X-Next-Cursor")!] = token
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+;#")
    func encode(_ text: Substring) -> String { String(text).addingPercentEncoding(withAllowedCharacters: allowed) ?? String(text) }
    var items = request.uri.queryParameters.filter { $0.key != "cursor" }.map { "\(encode($0.key))=\(encode($0.value))" }.sorted()
    items.append("cursor=\(token)")
    headers[HTTPField.Name("Link")!] = "<\(request.uri.path)?\(items.joined(separator: "&"))>; rel=\"next\""
}

/// A JSON array of the first `limit` of `rows` (the store was asked for one more), with the next page's
/// cursor when there is one.
func pagedResponse<T>(_ rows: [(position: Int64, value: T)], limit: Int, request: Request, _ encode: (T) -> JSONValue) -> Response {
    let shown = rows.prefix(limit)
    var headers: HTTPFields = [:]
    if rows.count > limit, let last = shown.last { addNextPage(&headers, request: request, cursor: last.position) }
    return Response.json(.array(shown.map { encode($0.value) }), headers: headers)
}
