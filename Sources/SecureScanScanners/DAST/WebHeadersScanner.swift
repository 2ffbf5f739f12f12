import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SecureScanCore

/// `builtin_dast`: one `GET` of the target URL (`--target-url`, the API's `target_url`, or
/// `scanner_options.builtin_dast.target`) and the checks of ``WebResponseChecks`` on what answers: security
/// headers, headers that disclose the server's software, cookie attributes, and plain HTTP without a move
/// to HTTPS. Unlike the reference system's, TLS certificates are verified (`--insecure`, or option
/// `insecure: true`, to look at a site with a self-signed one), redirects are followed only within the
/// same host (at most five, and from http to https), and the request has a time limit (option
/// `timeout_seconds`, default 20).
public struct WebHeadersScanner: ScannerAdapter {
    public static let scannerID = "builtin_dast"
    public let id = WebHeadersScanner.scannerID
    public let scanType = ScanType.dast
    public let summary = "Security headers, disclosing headers and cookie attributes of the target URL (one request)"
    public let optionKeys = ["target", "insecure", "timeout_seconds"]

    public init() {}

    /// It runs when a target URL is given (or when named): a tree has no URL to check.
    public var runsByDefault: Bool { false }

    /// A target URL brings it along.
    public func selectsItself(root: String, options: [String: [String: [String]]]) -> Bool { options[id]?["target"]?.isEmpty == false }

    /// The site answers differently from one night to the next without the tree changing.
    public var reusesResults: Bool { false }

    public func availability() async -> ScannerAvailability { .available(version: ToolInfo.current.version) }

    static let maximumRedirects = 5

    public func scan(_ target: ScanTarget) async throws -> Observations {
        guard let text = target.option("target", of: id).first else {
            throw ScannersError.unavailable(reason: "no target URL", installHint: "pass --target-url URL (or set scanner_options.builtin_dast.target)")
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty else {
            throw ScannersError.unavailable(reason: "target '\(text)' is not an http(s) URL", installHint: "pass --target-url https://host/path")
        }
        let insecure = target.option("insecure", of: id).first == "true"
        let timeout = Int64(target.option("timeout_seconds", of: id).first ?? "") ?? 20
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(min(timeout, 10)), read: .seconds(timeout)))
        configuration.decompression = .disabled  // only headers are read
        if insecure {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let response = try await fetch(url, client: client, deadline: .now() + .seconds(timeout))
            try await client.shutdown()
            var observations = Observations(findings: WebResponseChecks.findings(response, scanner: id))
            if let plain = Self.plaintext(response, host: host, scanner: id) { observations.findings.append(plain) }
            observations.notes.append("GET \(text) → \(response.status)" + (response.url == text ? "" : " at \(response.url)")
                                      + (insecure ? " (certificate not verified: --insecure)" : ""))
            return observations
        } catch {
            try? await client.shutdown()
            if error is CancellationError { throw error }
            if let scanners = error as? ScannersError { throw scanners }
            throw ScannersError.toolLaunchFailed(tool: id, reason: Self.describe(error, url: text, insecure: insecure))
        }
    }

    /// The response, following redirects that stay on the same host (http may move to https).
    func fetch(_ start: URL, client: HTTPClient, deadline: NIODeadline) async throws -> WebResponseChecks.Response {
        var url = start
        for _ in 0...Self.maximumRedirects {
            try Task.checkCancellation()
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .GET
            request.headers.add(name: "User-Agent", value: "SecureScan/\(ToolInfo.current.version) (builtin_dast)")
            let response = try await client.execute(request, deadline: deadline)
            // The body is not needed; read a little so the connection is reused cleanly.
            _ = try? await response.body.collect(upTo: 1 << 20)
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            let status = Int(response.status.code)
            if (300..<400).contains(status), let location = response.headers.first(name: "Location"),
               let next = URL(string: location, relativeTo: url)?.absoluteURL {
                guard next.host?.lowercased() == url.host?.lowercased(),
                      next.scheme?.lowercased() == url.scheme?.lowercased() || next.scheme?.lowercased() == "https" else {
                    // Another site: checked as the answer of this one (the redirect's own headers).
                    return WebResponseChecks.Response(url: url.absoluteString, status: status, headers: headers, requested: start.absoluteString)
                }
                url = next
                continue
            }
            return WebResponseChecks.Response(url: url.absoluteString, status: status, headers: headers, requested: start.absoluteString)
        }
        throw ScannersError.toolLaunchFailed(tool: id, reason: "more than \(Self.maximumRedirects) redirects from \(start.absoluteString)")
    }

    /// A site reached over plain HTTP that does not move to HTTPS (loopback addresses excepted).
    static func plaintext(_ response: WebResponseChecks.Response, host: String, scanner: String) -> Finding.Draft? {
        guard !response.isHTTPS, !["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) else { return nil }
        return Finding.Draft(
            ruleID: scanner + "/plaintext-http", severity: .medium, title: "Served over plain HTTP",
            description: "\(response.requested) answers over HTTP without moving to HTTPS: everything sent, cookies included, crosses the network readable.",
            identity: .dast(urlTemplate: response.url, parameter: "scheme"), scanType: .dast, cwes: ["CWE-319"],
            remediation: "Serve the site over HTTPS and redirect HTTP to it (then send Strict-Transport-Security).",
            properties: ["url": response.url, "target_url": response.requested, "status": String(response.status)])
    }

    static func describe(_ error: any Error, url: String, insecure: Bool) -> String {
        let text = String(describing: error)
        if !insecure, text.localizedCaseInsensitiveContains("certificate") || text.contains("NIOSSL") || text.contains("handshake") {
            return "TLS handshake with \(url) failed (\(text)); the certificate is not trusted: pass --insecure to check the headers anyway"
        }
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") || text.contains("readTimeout") {
            return "\(url) did not answer in time (\(text))"
        }
        return "GET \(url) failed: \(text)"
    }
}
