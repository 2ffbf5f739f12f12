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
        let lock = try BatchLock(database: database, outputRoot: outputRoot, shard: request.shardName)
        defer { withExtendedLifetime(lock) {} }
        let store: Store
        do {
            store = try Store.open(database)
        } catch {
            throw .store(error)
        }
        var notes = file.notes
        // A process that died mid-run may have left staged folders: finish or remove them first.
        let writer = ArtifactWriter(outputRoot: outputRoot)
        for target in targets { notes += writer.recover(target: target.name, store: store) }

        let fileKey = URL(fileURLWithPath: request.file).standardizedFileURL.path
        let started = Pipeline.timestamp(pipeline.now())
        let batch: StoredBatch
        var resumed = false
        do {
            if let unfinished = try store.unfinishedBatch(file: fileKey, shard: request.shardName), unfinished.fileDigest == file.digest,
               Set(unfinished.targets.map(\.name)) == Set(targets.map(\.name)) {
                batch = unfinished
                resumed = true
                notes.append("resumed batch \(unfinished.id), interrupted after \(unfinished.targets.filter { $0.status != .pending }.count) of \(unfinished.targets.count) targets")
            } else {
                let id = "batch-" + pipeline.makeRunID(pipeline.now())
                try store.startBatch(id: id, file: fileKey, fileDigest: file.digest, shard: request.shardName,
                                     targets: targets.map { ($0.name, $0.path) }, at: started)
                batch = try store.batch(id: id)
            }
        } catch {
            throw .store(error)
        }
        let done = Dictionary(uniqueKeysWithValues: batch.targets.filter { $0.status != .pending }.map { ($0.name, $0) })
        progress(.started(batchID: batch.id, targets: targets.count, alreadyDone: done.count, resumed: resumed))
        for note in notes { progress(.note(note)) }

        let pending = targets.filter { done[$0.name] == nil }
        var results: [String: BatchResult.Target] = [:]
        for target in targets {
            if let previous = done[target.name] { results[target.name] = earlier(previous, store: store) }
        }
        await withTaskGroup(of: BatchResult.Target.self) { group in
            var next = 0
            func add() {
                guard next < pending.count else { return }
                let target = pending[next]
                next += 1
                group.addTask { await self.scan(target, batchID: batch.id, request: request, store: store, database: database) }
            }
            for _ in 0..<min(request.jobs, pending.count) { add() }
            for await result in group {
                results[result.name] = result
                progress(.targetFinished(result))
                add()
            }
        }

        let finished = Pipeline.timestamp(pipeline.now())
        var result = BatchResult(
            batchID: batch.id, file: request.file, shard: request.shardName, startedAt: batch.startedAt, finishedAt: finished, resumed: resumed,
            targets: targets.compactMap { results[$0.name] }, notes: notes,
            summaryDirectory: outputRoot.appendingPathComponent("batch").appendingPathComponent(batch.id).path)
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
        do {
            try store.finishBatch(id: batch.id, exitCode: Int(result.exitCode), at: finished)
        } catch {
            throw .store(error)
        }
        return result
    }

    /// One target through the pipeline; a pipeline error is this target's failure, never the batch's.
    private func scan(_ target: BatchFile.Target, batchID: String, request: BatchRequest, store: Store, database: StoreLocation) async -> BatchResult.Target {
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
        scanRequest.config = ProvidedConfig(config: target.config, digest: target.configDigest, origin: target.origin)
        scanRequest.reuse = request.force ? .never : .ifUnchanged
        scanRequest.baselineFile = request.baselineFile
        let mark = BatchTargetMark(batchID: batchID, target: target.name)
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
        } catch {
            try? store.markBatchTarget(mark, status: .failed, scanID: nil, error: error.description, at: Pipeline.timestamp(pipeline.now()))
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
