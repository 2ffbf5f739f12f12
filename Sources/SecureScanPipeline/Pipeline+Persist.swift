import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

extension Pipeline {
    /// Renders the artifacts into a staging folder, stores the run, then publishes the folder: the run
    /// becomes visible only once both the database and the files are complete, and a failure or a
    /// cancellation at any point leaves neither. Returns the published folder.
    ///
    /// A command-line scan stores while it renders: the transaction is written alongside and commits only
    /// once the artifacts are complete (``CommitGate``). Scans that share their process's store with other
    /// scans (API, batch, import) store after rendering, so they never hold the store's write lock while
    /// they render.
    func persist(_ report: RunReport, setup: RunSetup, storage: RunStorage, request: ScanRequest, journal: EventJournal,
                 reuseKey: String, duration: TimeInterval, trace: StepTrace = StepTrace()) async throws(PipelineError) -> URL {
        let writer = ArtifactWriter(outputRoot: storage.outputRoot)
        let history = ((try? storage.store.runs(target: setup.targetName, limit: Pipeline.trendLength)) ?? []).reversed().map { run in
            RunTrendPoint(runID: run.id, finishedAt: run.finishedAt, counts: run.counts, riskScore: run.riskScore)
        }
        var context = RenderContext(templates: setup.templates, cycloneDXVersion: request.cycloneDXVersion, history: history,
                                    pdfMaxPages: setup.config.pdfMaxPages)
        context.gatePolicy = setup.config.policy.overridden(by: request.gate)
        context.sourceLinks = SourceLinks.gitHub(environment: ProcessInfo.processInfo.environment, commit: report.target.commit)
        let staging = try writer.makeStaging(target: setup.targetName, runID: report.runID)
        let finalDirectory = writer.targetDirectory(setup.targetName).appendingPathComponent(report.runID).path
        let closing = [ScanEvent.newSevereFindings(report, at: report.finishedAt),
                       ScanEvent.scanComplete(report, durationMilliseconds: Int(max(duration, 0) * 1000), at: report.finishedAt)]
        let events = journal.drain() + closing.compactMap { $0 }
        let store = storage.store
        let save = { @Sendable (beforeCommit: () throws -> Void) throws(StoreError) in
            try store.save(report, targetPath: setup.root, artifactsDirectory: finalDirectory, origin: request.origin,
                           events: events, reuseKey: reuseKey, batch: request.batch, artifacts: staging,
                           beforeCommit: beforeCommit)
        }
        let gate = request.origin == .cli && request.batch == nil ? CommitGate() : nil
        let saving = gate.map { gate in Pipeline.saveAlongside { () throws(StoreError) in try save { try gate.waitForCommit() } } }

        var failure: PipelineError?
        do {
            try await trace.step("render") { () async throws(PipelineError) in
                try await Pipeline.render(report, formats: setup.formats, context: context, signingKey: request.signingKey, into: staging, trace: trace)
            }
            // A cancelled scan stops here: nothing of it is stored or published.
            if Task.isCancelled { failure = .cancelled }
        } catch {
            failure = error
        }
        gate?.decide(commit: failure == nil)
        let stored: Result<Void, StoreError>
        if let saving {
            stored = await trace.step("store (rest)") { await saving.value }
        } else if failure == nil {
            stored = trace.step("store") { Result { () throws(StoreError) in try save {} } }
        } else {
            stored = .success(())
        }
        if let failure {
            writer.discard(staging)
            throw failure
        }
        switch stored {
        case .success: break
        case .failure(.scanNoLongerRunning):
            writer.discard(staging)
            throw .cancelled
        case .failure(let error):
            writer.discard(staging)
            throw .store(error)
        }
        return try writer.publish(staging, target: setup.targetName, runID: report.runID)
    }

    /// Runs `save` on a thread of its own (it blocks, waiting for the render), answering when it is done.
    private static func saveAlongside(_ save: @escaping @Sendable () throws(StoreError) -> Void) -> Task<Result<Void, StoreError>, Never> {
        Task {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: Result { () throws(StoreError) in try save() })
                }
                thread.name = "securescan-store"
                thread.start()
            }
        }
    }

    /// Refreshes the site index over the stored runs. It is a convenience: failing to refresh it never
    /// fails the run, and the returned note says why it was not updated.
    func refreshSite(_ setup: RunSetup, storage: RunStorage, request: ScanRequest) async -> [String] {
        var templates = setup.templates
        if templates == nil { templates = try? await loadTemplates(request.templatesDirectory) }
        guard let templates else { return [] }
        do {
            // A batch writes the overview once, when every target is stored: per run it would read and list
            // every target again (quadratic in the batch's size).
            try SiteWriter(outputRoot: storage.outputRoot, templates: templates)
                .refresh(store: storage.store, target: setup.targetName, overview: request.origin != .batch)
            return []
        } catch {
            return ["the site index (\(storage.outputRoot.path)/index.html) was not updated: \(error)"]
        }
    }
}
