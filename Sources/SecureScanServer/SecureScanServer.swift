import Foundation
import Hummingbird
import Logging
import NIOCore
import SecureScanCore
import SecureScanPipeline
import SecureScanScanners
import SecureScanStore
import ServiceLifecycle
import UnixSignals

/// `securescan serve`: the artifact site and the HTTP API over one store.
public enum SecureScanServer {
    /// The application for `configuration`, ready to run (`runService()`) or to test. `listening` is
    /// called once the socket is bound and listening, with the port it listens on (the one the system
    /// picked when ``ServerConfiguration/port`` is 0).
    public static func application(
        _ configuration: ServerConfiguration, logger: Logger = Logger(label: "securescan.server"),
        scanners: [any ScannerAdapter] = Scanners.all, now: @escaping @Sendable () -> Date = { Date() },
        listening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let store = try Store.open(configuration.database, readOnly: configuration.readOnly)
        let seal = configuration.readOnly ? nil : try SecretKeyFile.seal(
            for: configuration.database, create: true, environment: configuration.secretKey.map { [SecretKeyFile.environmentVariable: $0] } ?? [:])
        let pipeline = Pipeline(scanners: scanners, now: now, executablePath: configuration.executablePath)
        let queue = configuration.readOnly ? nil : ScanQueue(store: store, configuration: configuration, pipeline: pipeline, logger: logger, now: now)
        let services = ServerServices(
            configuration: configuration, store: store,
            authenticator: Authenticator(store: store, environmentKey: configuration.environmentKey, readOnly: configuration.readOnly, now: now),
            eventTokens: EventTokens(secret: configuration.eventTokenSecret),
            scanLimiter: configuration.scanRateLimit.map { RateLimiter(perMinute: $0.perMinute, burst: $0.burst) },
            queue: queue, seal: seal, webhookPolicy: WebhookTargetPolicy(allowedNetworks: configuration.webhookAllowedNetworks),
            templates: TemplateCache(directory: configuration.templatesDirectory, executablePath: configuration.executablePath),
            scanners: scanners, now: now, siteRoot: URL(fileURLWithPath: configuration.outputRoot).standardizedFileURL.path,
            findingsCache: ResponseCache(budget: configuration.cacheBytes), scanCache: ResponseCache(budget: configuration.cacheBytes / 4))

        let router = Router(context: APIContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        if !configuration.corsOrigins.isEmpty { router.add(middleware: AllowListCORSMiddleware(origins: configuration.corsOrigins)) }
        router.add(middleware: ErrorShapeMiddleware())
        router.add(middleware: BodyDeadline.Middleware(timeout: configuration.bodyTimeout))
        router.add(middleware: LegacyPathMiddleware())
        if store.isShared { router.add(middleware: SharedStoreMiddleware()) }
        router.add(middleware: SiteGuardMiddleware(prefix: "/site/", root: configuration.outputRoot))
        if store.keepsArtifacts { router.add(middleware: StoredSiteMiddleware(services: services)) }
        router.add(middleware: FileMiddleware(configuration.outputRoot, urlBasePath: "/site", searchForIndexHtml: true, logger: logger))

        let documentation = PublicController.Documentation()
        let endpoints = PublicController(services: services, scannerCount: scanners.count, documentation: documentation).endpoints
            + ScansController(services: services).endpoints
            + TriageController(services: services).endpoints
            + NotificationsController(services: services).endpoints
            + DashboardController(services: services, scanners: scanners).endpoints
            + ComplianceController(services: services).endpoints
            + KeysController(services: services).endpoints
            + WebhooksController(services: services).endpoints
            + RunsController(services: services).endpoints
        documentation.set(endpoints, version: ToolInfo.current.version)
        APIRouter(services: services).register(endpoints, on: router)

        let dispatcher = configuration.readOnly ? nil : WebhookDispatcher(
            store: store, seal: seal, policy: services.webhookPolicy, now: now)
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000
                                                          + configuration.idleTimeout.components.attoseconds / 1_000_000_000))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "SecureScan"),
            services: [BackgroundWork(store: store, queue: queue, dispatcher: dispatcher, now: now, logger: logger)],
            onServerRunning: { channel in await listening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

}

/// What the server does besides answering requests: resuming queued scans, delivering webhooks, and
/// pruning old read notifications. On shutdown, running scans go back to the queue.
struct BackgroundWork: Service {
    let store: Store
    let queue: ScanQueue?
    let dispatcher: WebhookDispatcher?
    let now: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
        if queue != nil {
            let cutoff = ServerTime.timestamp(now().addingTimeInterval(-30 * 86_400))
            if let pruned = try? store.pruneReadNotifications(olderThan: cutoff), pruned > 0 {
                logger.info("pruned \(pruned) read notifications older than 30 days")
            }
        }
        await queue?.resume()
        if let dispatcher {
            try? await cancelWhenGracefulShutdown { await dispatcher.run() }
        } else {
            try? await gracefulShutdown()
        }
        await queue?.shutdown()
    }
}

/// Runs the server until the process is stopped (SIGINT/SIGTERM end it gracefully).
public protocol ApplicationRunner {
    func run() async throws
}

public struct ServerRunner: ApplicationRunner {
    let configuration: ServerConfiguration
    let listening: @Sendable (Int) async -> Void

    /// `listening` is told the port once the server listens (see ``SecureScanServer/application(_:logger:scanners:now:listening:)``).
    public init(_ configuration: ServerConfiguration, listening: @escaping @Sendable (Int) async -> Void = { _ in }) throws {
        try Self.check(configuration)
        self.configuration = configuration
        self.listening = listening
    }

    /// Opening the store (and the key that seals webhook secrets) here reports a missing or outdated
    /// database, an unreachable server or a missing key before anything listens.
    static func check(_ configuration: ServerConfiguration) throws {
        try Store.open(configuration.database, readOnly: configuration.readOnly).close()
        if !configuration.readOnly {
            _ = try SecretKeyFile.seal(for: configuration.database, create: true,
                                       environment: configuration.secretKey.map { [SecretKeyFile.environmentVariable: $0] } ?? [:])
        }
    }

    /// - Throws: ``ServerError`` (503) naming the address when the socket cannot be bound or listen (the
    ///   port is taken, the address is not this machine's, a port below 1024 without the right).
    public func run() async throws {
        do {
            try await SecureScanServer.application(configuration, listening: listening).runService()
        } catch let error as IOError {
            // Errors of connections once listening stay inside the server; what comes out is the socket's.
            throw ServerError(.serviceUnavailable, "cannot listen on \(configuration.host):\(configuration.port): \(String(cString: strerror(error.errnoCode)))")
        }
    }
}

/// `securescan worker`: runs the store's queued API scans and webhook deliveries, with no HTTP; any
/// number of them (and of `serve --workers 0` replicas) share one store, each scan run by one of them.
public struct WorkerRunner: ApplicationRunner {
    let configuration: ServerConfiguration
    let logger: Logger

    public init(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "securescan.worker")) throws {
        var configuration = configuration
        configuration.watchQueue = true
        // Reports a missing database, an unreachable server or a missing key before working.
        try ServerRunner.check(configuration)
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let store = try Store.open(configuration.database)
        defer { store.close() }
        let seal = try SecretKeyFile.seal(
            for: configuration.database, create: true, environment: configuration.secretKey.map { [SecretKeyFile.environmentVariable: $0] } ?? [:])
        let pipeline = Pipeline(scanners: Scanners.all, executablePath: configuration.executablePath)
        let now: @Sendable () -> Date = { Date() }
        let queue = ScanQueue(store: store, configuration: configuration, pipeline: pipeline, logger: logger, now: now)
        let dispatcher = WebhookDispatcher(store: store, seal: seal, policy: WebhookTargetPolicy(allowedNetworks: configuration.webhookAllowedNetworks),
                                           now: now)
        let group = ServiceGroup(configuration: .init(
            services: [BackgroundWork(store: store, queue: queue, dispatcher: dispatcher, now: now, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
