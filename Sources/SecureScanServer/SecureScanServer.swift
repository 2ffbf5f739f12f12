import Foundation
import Hummingbird
import Logging
import SecureScanCore
import SecureScanScanners
import SecureScanStore

/// `securescan serve`: the artifact site and the HTTP API over one store.
public enum SecureScanServer {
    /// The application for `configuration`, ready to run (`runService()`) or to test.
    public static func application(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "securescan.server")) throws -> some ApplicationProtocol {
        let store = try configuration.readOnly
            ? Store.openReadOnly(path: configuration.databasePath)
            : Store.open(path: configuration.databasePath)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        if configuration.readOnly { router.add(middleware: ReadOnlyMiddleware()) }
        router.add(middleware: SiteGuardMiddleware(prefix: "/site/"))
        router.add(middleware: FileMiddleware(configuration.outputRoot, urlBasePath: "/site", searchForIndexHtml: true, logger: logger))
        PublicController(store: store, readOnly: configuration.readOnly).register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "SecureScan"),
            logger: logger)
    }
}

/// `/`, `/health`, `/ready`: no authentication.
struct PublicController {
    let store: Store
    let readOnly: Bool

    struct Root: Encodable {
        let name = "SecureScan"
        let version = ToolInfo.current.version
        let status = "ok"
        let docs = "/docs"
        let health = "/health"
        let site = "/site/"
        let readOnly: Bool

        enum CodingKeys: String, CodingKey {
            case name, version, status, docs, health, site
            case readOnly = "read_only"
        }
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in JSONBody.response(Root(readOnly: readOnly)) }
        router.get("/health") { _, _ in JSONBody.response(["status": "ok"]) }
        router.get("/ready") { _, _ in
            var checks: [String: String] = [:]
            var ready = true
            do {
                let current = try store.migrationsAreCurrent()
                checks["database"] = current ? "ok" : "schema out of date"
                ready = ready && current
            } catch {
                checks["database"] = String(describing: error)
                ready = false
            }
            checks["scanners"] = Scanners.all.isEmpty ? "registry empty" : "\(Scanners.all.count) registered"
            ready = ready && !Scanners.all.isEmpty
            struct Body: Encodable {
                let status: String
                let checks: [String: String]
            }
            return JSONBody.response(Body(status: ready ? "ready" : "not_ready", checks: checks), status: ready ? .ok : .serviceUnavailable)
        }
    }
}

/// Runs the server until the process is stopped (SIGINT/SIGTERM end it gracefully).
public protocol ApplicationRunner {
    func run() async throws
}

public struct ServerRunner: ApplicationRunner {
    let configuration: ServerConfiguration

    public init(_ configuration: ServerConfiguration) throws {
        // Opening the store here reports a missing or outdated database before anything listens.
        _ = try configuration.readOnly ? Store.openReadOnly(path: configuration.databasePath) : Store.open(path: configuration.databasePath)
        self.configuration = configuration
    }

    public func run() async throws {
        try await SecureScanServer.application(configuration).runService()
    }
}
