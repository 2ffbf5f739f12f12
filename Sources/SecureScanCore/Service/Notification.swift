/// A persistent "bell" item for people watching the dashboard.
public struct Notification: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case info
        case warning
        case error
    }

    public var id: String
    /// The event that caused it (`scan.complete`, `findings.new`, …).
    public var type: String
    public var title: String
    public var body: String?
    /// An API path for the scan it is about.
    public var link: String?
    public var severity: Level
    public var scanID: String?
    public var createdAt: String
    public var readAt: String?

    public init(id: String, type: String, title: String, body: String? = nil, link: String? = nil, severity: Level,
                scanID: String? = nil, createdAt: String, readAt: String? = nil) {
        self.id = id
        self.type = type
        self.title = title
        self.body = body
        self.link = link
        self.severity = severity
        self.scanID = scanID
        self.createdAt = createdAt
        self.readAt = readAt
    }

    /// The notification an event raises, if any: a completed scan with findings, a failed scan or
    /// scanner, and new critical or high findings.
    public static func raised(by event: ScanEvent, scanID: String, id: String) -> Notification? {
        let link = "/api/v1/scans/\(scanID)"
        let target = event.data["target"]?.stringValue
        switch event.name {
        case .scanComplete:
            let count = event.data["findings_count"]?.intValue ?? 0
            guard count > 0 else { return nil }
            let noun = count == 1 ? "finding" : "findings"
            return Notification(id: id, type: event.name.rawValue, title: "Scan complete",
                                body: target.map { "\(count) open \(noun) on \($0)" } ?? "\(count) open \(noun)",
                                link: link, severity: .warning, scanID: scanID, createdAt: event.at)
        case .scanFailed:
            return Notification(id: id, type: event.name.rawValue, title: "Scan failed", body: event.data["error"]?.stringValue,
                                link: link, severity: .error, scanID: scanID, createdAt: event.at)
        case .scannerFailed:
            let scanner = event.data["scanner"]?.stringValue ?? "a scanner"
            let error = ScanEvent.clip(event.data["error"]?.stringValue ?? "failed", 100)
            return Notification(id: id, type: event.name.rawValue, title: "Scanner failed", body: "\(scanner) failed: \(error)",
                                link: link, severity: .warning, scanID: scanID, createdAt: event.at)
        case .findingsNew:
            let count = event.data["count"]?.intValue ?? 0
            let noun = count == 1 ? "finding" : "findings"
            return Notification(id: id, type: event.name.rawValue, title: "New critical or high findings",
                                body: "\(count) new critical/high \(noun)" + (target.map { " on \($0)" } ?? ""),
                                link: link + "/findings?severity=critical,high", severity: .error, scanID: scanID, createdAt: event.at)
        case .scanStart, .scannerStart, .scannerComplete, .scannerSkipped, .scanCancelled:
            return nil
        }
    }
}
