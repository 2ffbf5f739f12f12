import Foundation
import HTTPTypes
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanScanners
import SecureScanStore

/// What the controllers share: the store, the configuration, the caller checks, the scan queue.
struct ServerServices: Sendable {
    let configuration: ServerConfiguration
    let store: Store
    let authenticator: Authenticator
    let eventTokens: EventTokens
    let scanLimiter: RateLimiter?
    /// nil for a read-only server, which never runs a scan.
    let queue: ScanQueue?
    /// Seals webhook secrets (nil for a read-only server).
    let seal: SecretSeal?
    let webhookPolicy: WebhookTargetPolicy
    let templates: TemplateCache
    /// The scanners this server runs (the registry, or a test's).
    let scanners: [any ScannerAdapter]
    let now: @Sendable () -> Date

    /// The ids of the registered scanners of these types.
    func scannerIDs(for types: [ScanType]) -> [String] {
        Scanners.defaultSelection(from: scanners, types: types).map(\.id)
    }

    func scanner(_ id: String) -> (any ScannerAdapter)? { scanners.first { $0.id == id } }

    var timestamp: String { ServerTime.timestamp(now()) }

    /// Resolved scan and browse roots.
    var roots: [String] {
        let listed = configuration.roots.isEmpty ? [FileManager.default.currentDirectoryPath] : configuration.roots
        return listed.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
    }

    /// A path a request names, as a file URL: an absolute one as given; a relative one under the first scan
    /// root where it exists (else under the first root), so `demo-app` or `.` means the same on every client.
    func underRoots(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        let candidates = roots.map { URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: $0 + "/")).standardizedFileURL }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }

    /// The output root, standardized once.
    let siteRoot: String
    /// Serialized findings of recently listed runs (immutable), and of completed scans.
    let findingsCache: ResponseCache<[CachedFinding]>
    let scanCache: ResponseCache<[UInt8]>

    /// The artifact site's URL of a stored run directory, when it lies under the output root (runs store
    /// standardized absolute directories, so a prefix test is enough).
    func siteURL(artifactsDirectory: String?) -> String? {
        guard let directory = artifactsDirectory, directory.hasPrefix(siteRoot + "/") else { return nil }
        return "/site/" + directory.dropFirst(siteRoot.count + 1) + "/"
    }

    /// The artifact site's URL of a run's folder: under this host's output root, or, on a store that
    /// keeps artifacts, where every replica serves them from the store.
    func siteURL(run: RunSummary?) -> String? {
        guard let run else { return nil }
        if let local = siteURL(artifactsDirectory: run.artifactsDirectory) { return local }
        guard store.keepsArtifacts else { return nil }
        let segment = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text }
        return "/site/\(segment(run.target))/\(segment(run.id))/"
    }
}

/// The report templates, loaded the first time a report has to be rendered.
actor TemplateCache {
    let directory: String?
    let executablePath: String
    private var library: TemplateLibrary?

    init(directory: String?, executablePath: String) {
        self.directory = directory
        self.executablePath = executablePath
    }

    func load() async throws -> TemplateLibrary {
        if let library { return library }
        guard let path = directory ?? ProcessInfo.processInfo.environment["SECURESCAN_TEMPLATES"] ?? TemplateLibrary.locate(executable: executablePath) else {
            throw ServerError(.internalServerError, ReportsError.templatesNotFound(searched: TemplateLibrary.candidates(executable: executablePath)).description)
        }
        let loaded = try await TemplateLibrary.load(from: path)
        library = loaded
        return loaded
    }
}
