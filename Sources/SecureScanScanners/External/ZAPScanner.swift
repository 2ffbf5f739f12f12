import Foundation
import SecureScanCore

/// OWASP ZAP through its daemon's API (`zap.sh -daemon`): spider the configured URL, wait for the passive
/// scanner, optionally run the active scan, then read the XML report. Every call goes through curl with its
/// own time limit; the API key travels in a header file, never on a command line.
///
/// Options: `target` (the URL to scan, required), `api` (default `http://127.0.0.1:8080`), `api_key_env`
/// (the variable holding the key, default `ZAP_API_KEY`), `active_scan` (`true` to attack, default passive only).
public struct ZAPScanner: ScannerAdapter {
    public let id = "zap"
    public let scanType = ScanType.dast
    public let summary = "OWASP ZAP through its daemon API (scanner_options.zap.target)"
    public var fingerprintKinds: [String] { ZAPReport().fingerprintKinds }
    public let optionKeys = ["target", "api", "api_key_env", "active_scan", "poll_seconds"]
    public let isBuiltIn = false
    let curl = ExternalTool(plan: InstallPlan(manager: .apt, package: "curl", executable: "curl"))

    public init() {}

    public var installPlan: InstallPlan? { curl.plan }
    public func availability() async -> ScannerAvailability { await curl.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        guard let site = target.option("target", of: id).first, let siteURL = URL(string: site), siteURL.host != nil else {
            throw ScannersError.unavailable(reason: "no ZAP target configured", installHint: "set scanner_options.zap.target to the URL to scan")
        }
        let api = (target.option("api", of: id).first ?? "http://127.0.0.1:8080").trimmingSuffix("/")
        let keyVariable = target.option("api_key_env", of: id).first ?? "ZAP_API_KEY"
        let poll = Double(target.option("poll_seconds", of: id).first ?? "") ?? 2
        let session = try ZAPSession(api: api, key: ProcessInfo.processInfo.environment[keyVariable], curl: curl, target: target)
        defer { session.close() }

        let version: String
        do {
            version = try await session.value("/JSON/core/view/version/", "version")
        } catch ScannersError.toolExited(_, let code, _) where [6, 7, 28, 52, 56].contains(code) {
            // curl could not resolve, connect or get an answer: nothing runs there.
            throw ScannersError.unavailable(reason: "no ZAP daemon answers at \(api)", installHint: "start it with zap.sh -daemon -port 8080 and set scanner_options.zap.api")
        }
        let spider = try await session.value("/JSON/spider/action/scan/", "scan", ["url": site, "recurse": "true"])
        try await session.wait(poll: poll) { try await session.value("/JSON/spider/view/status/", "status", ["scanId": spider]) == "100" }
        try await session.wait(poll: poll) { try await session.value("/JSON/pscan/view/recordsToScan/", "recordsToScan") == "0" }
        if target.option("active_scan", of: id).first == "true" {
            let active = try await session.value("/JSON/ascan/action/scan/", "scan", ["url": site, "recurse": "true"])
            try await session.wait(poll: poll) { try await session.value("/JSON/ascan/view/status/", "status", ["scanId": active]) == "100" }
        }
        let report = try await session.get("/OTHER/core/other/xmlreport/")
        var observations = try ZAPReport().parse(report, context: ReportContext(source: "ZAP \(version) report from \(api)")).observations
        // The report covers every site the daemon has seen; keep the configured one.
        let host = siteURL.host?.lowercased()
        observations.findings = observations.findings.filter { finding in
            [finding.properties["url"], finding.properties["site"]].contains { $0.flatMap { URL(string: $0)?.host?.lowercased() } == host }
        }
        observations.notes.append("ZAP \(version) at \(api) scanned \(site)")
        return observations
    }
}

/// One conversation with a ZAP daemon: curl calls with the key in a private header file.
struct ZAPSession: Sendable {
    var api: String
    var curl: ExternalTool
    var target: ScanTarget
    var headerFile: String?

    init(api: String, key: String?, curl: ExternalTool, target: ScanTarget) throws {
        self.api = api
        self.curl = curl
        self.target = target
        if let key, !key.isEmpty {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("securescan-zap-\(UUID().uuidString)").path
            guard FileManager.default.createFile(atPath: path, contents: Data("X-ZAP-API-Key: \(key)\n".utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ScannersError.toolLaunchFailed(tool: "curl", reason: "cannot write the API key header file \(path)")
            }
            headerFile = path
        }
    }

    func close() {
        if let headerFile { try? FileManager.default.removeItem(atPath: headerFile) }
    }

    func get(_ path: String, _ query: [String: String] = [:]) async throws -> [UInt8] {
        var components = URLComponents(string: api + path)
        if !query.isEmpty { components?.queryItems = query.keys.sorted().map { URLQueryItem(name: $0, value: query[$0]) } }
        guard let url = components?.url?.absoluteString else { throw ScannersError.invalidReport(source: "scanner_options.zap.api", reason: "'\(api)' is not a URL") }
        var arguments = ["--silent", "--show-error", "--fail", "--max-time", "120", "--proto", "=http,https"]
        if let headerFile { arguments += ["--header", "@" + headerFile] }
        return try await curl.run(arguments + [url], on: target, scanner: "zap", successCodes: [0]).stdout
    }

    /// One field of a JSON API answer (`{"status": "100"}` → `"100"`).
    func value(_ path: String, _ field: String, _ query: [String: String] = [:]) async throws -> String {
        let data = try await get(path, query)
        guard let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any], let value = object[field] else {
            throw ScannersError.invalidReport(source: "ZAP API \(path)", reason: "the answer has no \(field): \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return "\(value)"
    }

    /// Polls until `done`; the scanner's time limit (cancellation) ends a scan that never finishes.
    func wait(poll: Double, until done: () async throws -> Bool) async throws {
        while try await !done() {
            try await Task.sleep(for: .milliseconds(Int64(max(poll, 0.05) * 1000)))
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
