import HTTPTypes
import Hummingbird

/// Headers on every response that keep a browser from misreading or embedding what the server sends:
/// no content sniffing, no framing, no referrer; and on HTML pages a content security policy as strict as
/// the self-contained reports allow (their inline style and script, nothing fetched), unless the page set
/// its own (the API documentation).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var htmlPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        Self.apply(to: &response.headers)
        return response
    }

    static func apply(to headers: inout HTTPFields) {
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[HTTPField.Name("Cross-Origin-Resource-Policy")!] = "same-origin"
        if headers[.contentType]?.lowercased().hasPrefix("text/html") == true, headers[.contentSecurityPolicy] == nil {
            headers[.contentSecurityPolicy] = htmlPolicy
        }
    }
}
