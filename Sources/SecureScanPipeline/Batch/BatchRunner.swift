import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners
import SecureScanStore

/// `securescan batch`: every target of a batch file (or of one shard of it) through the pipeline, `jobs`
/// at a time, each reusing its previous run when nothing changed. The batch's progress is in the store,
/// so a batch killed in the middle resumes where it stopped; a failing target never stops the others.
public struct BatchRunner: Sendable {
    /// What happened, for people watching.
    public enum Event: Sendable {
        case started(batchID: String, targets: Int, alreadyDone: Int, resumed: Bool)
        case targetStarted(String)
        case scannerStarted(target: String, scanner: String)
        case scannerFinished(target: String, run: ScannerRun)
        case targetFinished(BatchResult.Target)
        case note(String)
    }

    public var pipeline: Pipeline
    public var progress: @Sendable (Event) -> Void

    public init(pipeline: Pipeline = Pipeline(), progress: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.pipeline = pipeline
        self.progress = progress
    }

    public func run(_ request: BatchRequest) async throws(PipelineError) -> BatchResult {
        let file = try BatchFileLoader(scanners: pipeline.scanners).load(file: request.file)
        guard (1...request.shard.count).contains(request.shard.index) else {
            throw .target("--shard \(request.shardName): the index must be between 1 and \(request.shard.count)")
        }
        let targets = file.shard(request.shard.index, of: request.shard.count)
        let (outputRoot, database) = try Pipeline.prepareOutput(request.outputRoot, database: request.database)
        // An SQLite store has one batch writer per shard (a lock file); a shared store's batch is run by
        // every process that joins it, each claiming targets one at a time.
        let lock = database.isShared ? nil : try BatchLock(database: database, outputRoot: outputRoot, shard: request.shardName)
        defer { withExtendedLifetime(lock) {} }
        let store: Store
        do {
            store = try Store.open(database)
        } catch {
            throw .store(error)
        }
        defer { store.close() }
        var notes = file.notes
        // A process that died mid-run may have left staged folders: finish or remove them first.
        let writer = ArtifactWriter(outputRoot: outputRoot)
        for target in targets { notes += writer.recover(target: target.name, store: store) }

        let fileKey = URL(fileURLWithPath: request.file).standardizedFileURL.path
        let started = Pipeline.timestamp(pipeline.now())
        let batch: StoredBatch
        let joined: Bool
        do {
            (batch, joined) = try store.joinOrStartBatch(
                id: "batch-" + pipeline.makeRunID(pipeline.now()), file: fileKey, fileDigest: file.digest, shard: request.shardName,
                targets: targets.map { ($0.name, $0.path) }, at: started, exclusive: !database.isShared)
        } catch {
            throw .store(error)
        }
        let alreadyDone = batch.targets.filter { $0.status != .pending }.count
        if joined {
            notes.append(database.isShared
                ? "joined batch \(batch.id) (\(alreadyDone) of \(batch.targets.count) targets already done)"
                : "resumed batch \(batch.id), interrupted after \(alreadyDone) of \(batch.targets.count) targets")
        }
        progress(.started(batchID: batch.id, targets: targets.count, alreadyDone: alreadyDone, resumed: joined))
        for note in notes { progress(.note(note)) }

        let worker = BatchRunner.workerName()
        let byName = Dictionary(uniqueKeysWithValues: targets.map { ($0.name, $0) })
        var ranHere: [String: BatchResult.Target] = [:]
        await withTaskGroup(of: [BatchResult.Target].self) { group in
            for _ in 0..<max(request.jobs, 1) {
                group.addTask { await self.claimAndScan(batchID: batch.id, worker: worker, targets: byName, request: request, store: store, database: database) }
            }
            for await results in group {
                for result in results { ranHere[result.name] = result }
            }
        }

        // Every target's outcome: this process's own runs, and what the store says of the others'.
        let finished = Pipeline.timestamp(pipeline.now())
        let stored = (try? store.batch(id: batch.id)).map { Dictionary(uniqueKeysWithValues: $0.targets.map { ($0.name, $0) }) } ?? [:]
        var result = BatchResult(
            batchID: batch.id, file: request.file, shard: request.shardName, startedAt: batch.startedAt, finishedAt: finished, resumed: joined,
            targets: targets.compactMap { target in ranHere[target.name] ?? stored[target.name].map { earlier($0, store: store) } }, notes: notes,
            summaryDirectory: outputRoot.appendingPathComponent("batch").appendingPathComponent(batch.id).path)
        // The process that finishes the batch (the last one working on it) writes the summary, refreshes
        // the site and sends `batch.complete`, once.
        let finisher: Bool
        do {
            finisher = try store.finishBatch(id: batch.id, exitCode: Int(result.exitCode), at: finished)
        } catch {
            throw .store(error)
        }
        guard finisher else {
            result.notes.append("batch \(batch.id) was finished by another process, which wrote its summary")
            return result
        }
        do {
            try BatchSummary.write(result)
        } catch {
            result.notes.append("the batch summary (\(result.summaryDirectory)) was not written: \(error)")
        }
        await refreshSite(store: store, outputRoot: outputRoot, templatesDirectory: request.templatesDirectory, notes: &result.notes)
        let totals = result.totals
        let failedCount = totals["failed"] ?? 0, gateFailures = totals["gates_failed"] ?? 0
        _ = try? store.recordBatchCompletion(
            batchID: batch.id, data: .init(uniqueKeysWithValues: totals.map { ($0.key, JSONValue.int($0.value)) }) .merging(["shard": .string(request.shardName)]) { $1 },
            title: "Batch complete", body: "\(targets.count) targets: \(totals["new_findings"] ?? 0) new findings, \(gateFailures) gates failed, \(failedCount) failed",
            level: failedCount > 0 ? .error : gateFailures > 0 ? .warning : .info, at: finished)
        await Pipeline.deliverWebhooks(database: database, policy: WebhookTargetPolicy(allowedNetworks: file.webhookAllowedNetworks))
        return result
    }

    /// This process's name in claims: host, process id and a random part.
    static func workerName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// One claimer: claims a target, scans it (renewing its lease meanwhile), and again, until every
    /// target is done; while others hold the last ones it waits, ready to take over one whose holder's
    /// lease runs out.
    private func claimAndScan(batchID: String, worker: String, targets: [String: BatchFile.Target], request: BatchRequest, store: Store,
                              database: StoreLocation) async -> [BatchResult.Target] {
        var results: [BatchResult.Target] = []
        let wait = Duration.milliseconds(Int(min(2, request.leaseSeconds / 4) * 1000))
        while !Task.isCancelled {
            let claim: BatchClaim?
            do {
                claim = try await ScanExecutor.run { () throws(StoreError) in
                    try store.claimBatchTarget(batchID: batchID, worker: worker, leaseSeconds: request.leaseSeconds)
                }
            } catch {
                progress(.note("cannot claim a target of batch \(batchID): \(error.description)"))
                try? await Task.sleep(for: wait)
                continue
            }
            guard let claim else {
                guard let backlog = try? store.batchBacklog(batchID: batchID), backlog.pending > 0 else { break }
                try? await Task.sleep(for: wait)
                continue
            }
            guard let target = targets[claim.target] else {
                // A target this process's batch file no longer has (the file changed under a shared batch).
                try? store.markBatchTarget(claim.mark, status: .failed, scanID: nil, error: "not in this process's batch file",
                                           at: Pipeline.timestamp(pipeline.now()))
                continue
            }
            if claim.attempts > 1 {
                progress(.note("\(claim.target): taken over (claim \(claim.attempts)); the process that held it stopped renewing its lease"))
            }
            let lease = request.leaseSeconds
            let heartbeat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(Int(lease * 1000 / 3)))
                    if Task.isCancelled { break }
                    _ = await ScanExecutor.run { try? store.renewBatchClaim(claim, leaseSeconds: lease) }
                }
            }
            let result = await scan(target, claim: claim, request: request, store: store, database: database)
            heartbeat.cancel()
            if let result {
                results.append(result)
                progress(.targetFinished(result))
            }
        }
        return results
    }

    /// One target through the pipeline; a pipeline error is this target's failure, never the batch's.
    /// Nil when the claim was lost (another process took the target over and its result stands).
    private func scan(_ target: BatchFile.Target, claim: BatchClaim, request: BatchRequest, store: Store, database: StoreLocation) async -> BatchResult.Target? {
        progress(.targetStarted(target.name))
        var pipeline = self.pipeline
        let progress = self.progress
        let name = target.name
        pipeline.progress = { event in
            switch event {
            case .scannerStarted(let scanner): progress(.scannerStarted(target: name, scanner: scanner))
            case .scannerFinished(let run): progress(.scannerFinished(target: name, run: run))
            case .walked: break
            }
        }
        var scanRequest = ScanRequest(
            path: target.path, targetName: target.name, outputRoot: request.outputRoot, database: database, formats: request.formats,
            gate: request.gate, templatesDirectory: request.templatesDirectory, cycloneDXVersion: request.cycloneDXVersion,
            vulnerabilityDatabase: request.vulnerabilityDatabase, origin: .batch)
        scanRequest.openStore = store
        scanRequest.config = ProvidedConfig(config: target.config, digest: target.configDigest, origin: target.origin)
        scanRequest.reuse = request.force ? .never : .ifUnchanged
        scanRequest.baselineFile = request.baselineFile
        scanRequest.vexFiles = request.vexFiles
        let mark = claim.mark
        scanRequest.batch = mark
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Int { (clock.now - start).milliseconds }
        do {
            let outcome = try await pipeline.scan(scanRequest)
            let report = outcome.report
            let reused = outcome.reusedRunID != nil
            return BatchResult.Target(
                name: target.name, path: target.path, status: reused ? .reused : .completed, scanID: outcome.scanID, runID: report.runID,
                counts: report.counts, newFindings: reused ? 0 : (report.diff.new + report.diff.reopened).filter(\.isOpen).count,
                fixedFindings: reused ? 0 : report.diff.fixed.count, gate: report.gate, error: nil, durationMilliseconds: elapsed(),
                failedScanners: reused ? [] : report.scannerRuns.filter(\.isError).map(\.scanner), ranNow: true)
        } catch .store(.batchClaimLost) {
            return nil
        } catch {
            do {
                try store.markBatchTarget(mark, status: .failed, scanID: nil, error: error.description, at: Pipeline.timestamp(pipeline.now()))
            } catch .batchClaimLost {
                return nil
            } catch {}
            return BatchResult.Target(
                name: target.name, path: target.path, status: .failed, scanID: nil, runID: nil, counts: nil, newFindings: 0, fixedFindings: 0,
                gate: nil, error: error.description, durationMilliseconds: elapsed(), failedScanners: [], ranNow: true)
        }
    }

    /// A target an interrupted run of this batch had already finished, as the store remembers it.
    private func earlier(_ target: StoredBatch.Target, store: Store) -> BatchResult.Target {
        let scan = target.scanID.flatMap { try? store.scan(id: $0) }
        let run = scan?.run
        return BatchResult.Target(
            name: target.name, path: target.path, status: target.status, scanID: target.scanID, runID: run?.id, counts: run?.counts,
            newFindings: target.status == .completed ? (run.map { $0.diff.new + $0.diff.reopened } ?? 0) : 0,
            fixedFindings: target.status == .completed ? (run?.diff.fixed ?? 0) : 0, gate: run?.gate, error: target.error,
            durationMilliseconds: 0, failedScanners: [], ranNow: false)
    }

    /// The overview page, once every target is stored (runs that finished at once each wrote a page that
    /// missed the others).
    private func refreshSite(store: Store, outputRoot: URL, templatesDirectory: String?, notes: inout [String]) async {
        do {
            let templates = try await pipeline.loadTemplates(templatesDirectory)
            try SiteWriter(outputRoot: outputRoot, templates: templates).refresh(store: store, target: "")
        } catch {
            notes.append("the site index (\(outputRoot.path)/index.html) was not updated: \(error)")
        }
    }
}
