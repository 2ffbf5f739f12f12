import Foundation
import Logging
import SecureScanCore
import SecureScanPipeline
import SecureScanScanners
import SecureScanStore
import Synchronization

/// The bounded worker pool behind `POST /scans`: queued scans start in order, at most `workers` at a
/// time, each running the same pipeline as `securescan scan`. Cancelling a running scan cancels its
/// task, which kills its scanner processes; a server shutdown puts running scans back in the queue.
actor ScanQueue {
    /// A scan interrupted this many times (server crashes) fails instead of starting again.
    static let maximumAttempts = 3

    let store: Store
    let configuration: ServerConfiguration
    let pipeline: Pipeline
    let logger: Logger
    let now: @Sendable () -> Date
    private var waiting: [String] = []
    private var running: [String: Task<Void, Never>] = [:]
    private var stopping = false
    /// This process in scan claims (host, process id, a random part).
    let worker = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    /// How long a running scan stays this process's without a renewal (renewed every third of it).
    static let leaseSeconds: Double = 30
    /// How often a process sharing its store looks for scans queued elsewhere and claims that ran out.
    static let watchInterval: Duration = .seconds(2)
    private var watcher: Task<Void, Never>?

    /// Whether other processes may run this store's scans too (a shared store, or a worker beside a
    /// server): then the store is watched, and only scans whose claim ran out are requeued.
    var watches: Bool { store.isShared || configuration.watchQueue }

    init(store: Store, configuration: ServerConfiguration, pipeline: Pipeline, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.configuration = configuration
        self.pipeline = pipeline
        self.logger = logger
        self.now = now
    }

    /// Picks up what a previous server left: interrupted scans are requeued, queued ones resume. On a
    /// shared store, other processes' running scans are theirs while their claims stand, and the queue
    /// keeps watching the store for scans queued by other replicas and for claims that run out.
    func resume() {
        collect()
        if watches, watcher == nil {
            watcher = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.watchInterval)
                    await self.collect()
                }
            }
        }
    }

    /// Requeues interrupted scans (on a shared store, those whose claim ran out) and queues every pending
    /// scan this process does not know yet.
    private func collect() {
        guard !stopping else { return }
        do {
            let (requeued, failed) = try store.requeueInterruptedScans(
                maxAttempts: Self.maximumAttempts, at: ServerTime.timestamp(now()), onlyExpired: watches)
            for id in requeued { logger.notice("scan requeued: the process running it stopped", metadata: ["scan_id": "\(id)"]) }
            for id in failed { logger.error("scan failed: interrupted too often", metadata: ["scan_id": "\(id)"]) }
            for id in try store.pendingScanIDs() where !waiting.contains(id) && running[id] == nil { waiting.append(id) }
        } catch {
            logger.error("cannot resume queued scans: \(error)")
        }
        pump()
    }

    /// Queues a stored pending scan; returns its position (1 = next to start, or starting now).
    func enqueue(_ id: String) -> Int {
        waiting.append(id)
        let position = waiting.count
        pump()
        return waiting.firstIndex(of: id).map { $0 + 1 } ?? min(position, 1)
    }

    /// 1-based position of a waiting scan; nil when it is running or not queued.
    func position(of id: String) -> Int? {
        waiting.firstIndex(of: id).map { $0 + 1 }
    }

    func isRunning(_ id: String) -> Bool { running[id] != nil }

    /// Takes a scan out of the queue or cancels its run. The caller has already marked it cancelled.
    func cancel(_ id: String) {
        waiting.removeAll { $0 == id }
        running[id]?.cancel()
    }

    /// Cancels every running scan and puts it back in the queue, for the next server to run.
    func shutdown() async {
        stopping = true
        watcher?.cancel()
        waiting.removeAll()
        let tasks = running
        for (_, task) in tasks { task.cancel() }
        for (_, task) in tasks { await task.value }
    }

    private func pump() {
        while !stopping, running.count < configuration.workers, !waiting.isEmpty {
            let id = waiting.removeFirst()
            running[id] = Task { await self.execute(id) }
        }
    }

    /// The pipeline request of a queued API scan; its `target_url` and `target_host` go to the scanners
    /// that use them (zap's `target`, nmap's `hosts`), over the config's options.
    static func request(for scan: StoredScan, configuration: ServerConfiguration, scanners: [any ScannerAdapter]) -> ScanRequest {
        var request = ScanRequest(
            path: scan.targetPath, targetName: scan.target, outputRoot: configuration.outputRoot, database: configuration.database,
            scanners: scan.scanners ?? Scanners.defaultSelection(from: scanners, types: scan.scanTypes).map(\.id),
            templatesDirectory: configuration.templatesDirectory, vulnerabilityDatabase: configuration.vulnerabilityDatabase,
            runID: scan.id, origin: .api)
        if let url = scan.targetURL {
            request.scannerOptions["zap", default: [:]]["target"] = [url]
            request.scannerOptions[WebHeadersScanner.scannerID, default: [:]]["target"] = [url]
        }
        if let host = scan.targetHost { request.scannerOptions["nmap", default: [:]]["hosts"] = [host] }
        // Scanners the target or the request brings along (builtin_dast with a target URL, host-baseline on a
        // root filesystem), as a command-line scan gets them.
        if scan.scanners == nil {
            for scanner in scanners where request.scanners?.contains(scanner.id) == false
                && scanner.selectsItself(root: scan.targetPath, options: request.scannerOptions) {
                request.scanners?.append(scanner.id)
            }
        }
        return request
    }

    private func finished(_ id: String) {
        running[id] = nil
        pump()
    }

    private func execute(_ id: String) async {
        defer { finished(id) }
        guard let scan = try? store.scan(id: id), scan.status == .pending else { return }
        var request = ScanQueue.request(for: scan, configuration: configuration, scanners: pipeline.scanners)
        request.openStore = store
        let worker = self.worker, lease = Self.leaseSeconds, store = self.store
        guard (try? store.markScanRunning(id: id, target: scan.target, at: ServerTime.timestamp(now()), worker: worker, leaseSeconds: lease)) == true else {
            return
        }
        logger.info("scan started", metadata: ["scan_id": "\(id)", "target_path": "\(scan.targetPath)"])
        let pipeline = self.pipeline
        // The claim is renewed while the scan runs; when it cannot be (the scan was cancelled through
        // another replica, or requeued), the run stops.
        let run = running[id]
        let lost = ClaimLost()
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(lease * 1000 / 3)))
                if Task.isCancelled { break }
                if await ScanExecutor.run({ try? store.renewScanClaim(id: id, worker: worker, leaseSeconds: lease) }) == false {
                    lost.flag.store(true, ordering: .relaxed)
                    run?.cancel()
                }
            }
        }
        defer { heartbeat.cancel() }
        do {
            let outcome = try await withTaskExecutorPreference(ScanExecutor.shared) { () async throws(PipelineError) -> ScanOutcome in
                try await pipeline.scan(request)
            }
            logger.info("scan completed", metadata: ["scan_id": "\(id)", "findings": "\(outcome.report.counts.total)"])
        } catch {
            let time = ServerTime.timestamp(now())
            if error == .cancelled || Task.isCancelled {
                if lost.flag.load(ordering: .relaxed) {
                    logger.notice("scan stopped: it was cancelled or taken over elsewhere", metadata: ["scan_id": "\(id)"])
                } else if stopping {
                    try? store.requeueScan(id: id)
                    logger.notice("scan interrupted by shutdown; requeued", metadata: ["scan_id": "\(id)"])
                } else {
                    _ = try? store.finishScan(id: id, status: .cancelled, error: PipelineError.cancelled.description, at: time,
                                              event: ScanEvent(.scanCancelled, at: time))
                }
                return
            }
            let message = error.description
            _ = try? store.finishScan(id: id, status: .failed, error: message, at: time,
                                      event: ScanEvent(.scanFailed, ["error": .string(ScanEvent.clip(message))], at: time))
            logger.error("scan failed", metadata: ["scan_id": "\(id)", "error": "\(message)"])
        }
    }
}
