import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// `builtin_dast` against real local servers (Python's http.server with headers of the test's choosing, over
/// HTTP and over HTTPS with a self-signed certificate made by openssl): what it reports for each header
/// and cookie, redirects followed within the site only, certificates verified unless `insecure`, cookie
/// values never kept.
@Suite(.serialized) struct WebHeadersScannerTests {
    /// Answers `/` with the headers named by the query's `profile`, `/moved` with a redirect to `/`, and
    /// `/away` with a redirect to another host.
    static let server = #"""
        import http.server, ssl, sys
        PROFILES = {
            "bare": [("Content-Type", "text/html"), ("Server", "nginx/1.18.0"), ("X-Powered-By", "PHP/7.4.3"),
                     ("Set-Cookie", "session=s3cr3t-value; Path=/"), ("Set-Cookie", "cross=1; SameSite=None; HttpOnly")],
            "hardened": [("Content-Type", "text/html"), ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
                         ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"), ("X-Content-Type-Options", "nosniff"),
                         ("Referrer-Policy", "strict-origin-when-cross-origin"), ("Permissions-Policy", "camera=()"),
                         ("Set-Cookie", "session=s3cr3t-value; Path=/; Secure; HttpOnly; SameSite=Lax")],
        }
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                path, _, query = self.path.partition("?")
                if path == "/moved":
                    self.send_response(302); self.send_header("Location", "/?" + query); self.end_headers(); return
                if path == "/away":
                    self.send_response(302); self.send_header("Location", "http://example.invalid/"); self.end_headers(); return
                self.send_response(200)
                for name, value in PROFILES[query.split("=")[-1] or "bare"]:
                    self.send_header(name, value)
                self.end_headers(); self.wfile.write(b"<html></html>")
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
        if len(sys.argv) > 2:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); context.load_cert_chain(sys.argv[2], sys.argv[3])
            server.socket = context.wrap_socket(server.socket, server_side=True)
        server.serve_forever()
        """#

    static func target(_ url: String, insecure: Bool = false) -> ScanTarget {
        var target = ScanTarget(name: "site", root: "/nonexistent", tree: TargetTree(files: []))
        target.options = [WebHeadersScanner.scannerID: ["target": [url], "insecure": insecure ? ["true"] : []]]
        return target
    }

    static func rules(_ observations: Observations) -> [String] {
        observations.findings.map { $0.ruleID.replacingOccurrences(of: "builtin_dast/", with: "") }.sorted()
    }

    @Test func aBareSiteIsReportedHeaderByHeaderAndCookieByCookie() async throws {
        let work = try Fixtures.makeTemporaryDirectory("dast")
        defer { try? FileManager.default.removeItem(at: work) }
        let script = work.appendingPathComponent("server.py")
        try Data(Self.server.utf8).write(to: script)
        let server = try await LocalHTTPServer.start { [script.path, String($0)] }
        defer { server.stop() }
        let observations = try await WebHeadersScanner().scan(Self.target("http://127.0.0.1:\(server.port)/moved?profile=bare"))
        // Over plain HTTP (loopback, so not itself a finding) HSTS and the Secure attribute do not apply.
        #expect(Self.rules(observations) == [
            "cookie-missing-httponly", "cookie-missing-samesite", "cookie-samesite-none-insecure", "info-disclosure-server",
            "info-disclosure-x-powered-by", "missing-header-content-security-policy", "missing-header-permissions-policy",
            "missing-header-referrer-policy", "missing-header-x-content-type-options", "missing-header-x-frame-options",
        ])
        // The redirect within the site was followed: the findings are about the page that answered.
        let url = "http://127.0.0.1:\(server.port)/?profile=bare"
        #expect(observations.findings.allSatisfy { $0.properties["url"] == url })
        #expect(observations.findings.allSatisfy { $0.scanType == .dast })
        // A cookie's value is never kept: its name is.
        #expect(!observations.findings.contains { ($0.evidence ?? "").contains("s3cr3t") || $0.description.contains("s3cr3t") })
        #expect(observations.findings.contains { $0.evidence == "Set-Cookie: session=…; Path=/" })
        // Each finding's identity is its URL and the header or cookie: stable across runs.
        #expect(Set(observations.findings.map { "\($0.ruleID) \($0.identity)" }).count == observations.findings.count)

        // A redirect to another host is not followed.
        let away = try await WebHeadersScanner().scan(Self.target("http://127.0.0.1:\(server.port)/away"))
        #expect(away.notes.first?.contains("→ 302") == true, "\(away.notes)")
    }

    @Test func tlsCertificatesAreVerifiedUnlessInsecure() async throws {
        let work = try Fixtures.makeTemporaryDirectory("dast-tls")
        defer { try? FileManager.default.removeItem(at: work) }
        let script = work.appendingPathComponent("server.py")
        try Data(Self.server.utf8).write(to: script)
        let key = work.appendingPathComponent("key.pem").path, certificate = work.appendingPathComponent("cert.pem").path
        let made = try await ExternalCommand.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
        ])
        #expect(made.status == 0, "\(made.output)")
        let server = try await LocalHTTPServer.start { [script.path, String($0), certificate, key] }
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/?profile=hardened"
        await #expect {
            _ = try await WebHeadersScanner().scan(Self.target(url))
        } throws: { error in
            "\(error)".contains("pass --insecure")
        }
        let observations = try await WebHeadersScanner().scan(Self.target(url, insecure: true))
        // Only Python's own `Server: BaseHTTP/… Python/…`, which http.server always sends.
        #expect(Self.rules(observations) == ["info-disclosure-server"], "\(Self.rules(observations))")
        #expect(observations.notes.first?.contains("certificate not verified") == true)
    }

    @Test func headerValuesAreJudgedNotOnlyTheirPresence() {
        let response = WebResponseChecks.Response(
            url: "https://site.example/", status: 200,
            headers: [("Content-Type", "text/html"), ("Strict-Transport-Security", "max-age=300"),
                      ("Content-Security-Policy", "script-src *"), ("X-Content-Type-Options", "sniff"), ("X-Frame-Options", "DENY"),
                      ("Referrer-Policy", "unsafe-url"), ("Permissions-Policy", "camera=()"), ("Set-Cookie", "id=1; HttpOnly; SameSite=Strict")],
            requested: "https://site.example/")
        let rules = WebResponseChecks.findings(response, scanner: "builtin_dast").map(\.ruleID).sorted()
        #expect(rules == ["builtin_dast/cookie-missing-secure", "builtin_dast/weak-content-type-options", "builtin_dast/weak-csp",
                          "builtin_dast/weak-hsts", "builtin_dast/weak-referrer-policy"])
        #expect(WebHeadersScanner.plaintext(WebResponseChecks.Response(url: "http://site.example/", status: 200, headers: [], requested: "http://site.example/"),
                                            host: "site.example", scanner: "builtin_dast")?.ruleID == "builtin_dast/plaintext-http")
    }

    @Test func withoutATargetItIsSkippedWithAHint() async throws {
        await #expect {
            _ = try await WebHeadersScanner().scan(ScanTarget(name: "site", root: "/nonexistent", tree: TargetTree(files: [])))
        } throws: { error in
            if case ScannersError.unavailable(let reason, let hint) = error { return reason == "no target URL" && hint.contains("--target-url") }
            return false
        }
    }
}
