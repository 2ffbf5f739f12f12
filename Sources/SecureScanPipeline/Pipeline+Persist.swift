import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

extension Pipeline {
    /// Renders the artifacts into a staging folder, stores the run, then publishes the folder: the run
    /// becomes visible only once both the database and the files are complete, and a failure or a
    /// cancellation at any point leaves neither. Returns the published folder.
    func persist(_ report: RunReport, setup: RunSetup, storage: RunStorage, request: ScanRequest, journal: EventJournal,
                 reuseKey: String, duration: TimeInterval, trace: StepTrace = StepTrace()) async throws(PipelineError) -> URL {
        let writer = ArtifactWriter(outputRoot: storage.outputRoot)
        let history = ((try? storage.store.runs(target: setup.targetName, limit: Pipeline.trendLength)) ?? []).reversed().map { run in
            RunTrendPoint(runID: run.id, finishedAt: run.finishedAt, counts: run.counts, riskScore: run.riskScore)
        }
        let context = RenderContext(templates: setup.templates, cycloneDXVersion: request.cycloneDXVersion, history: history,
                                    pdfMaxPages: setup.config.pdfMaxPages)
        let staging = try writer.makeStaging(target: setup.targetName, runID: report.runID)
        do {
            try await trace.step("render") { () async throws(PipelineError) in
                try await Pipeline.render(report, formats: setup.formats, context: context, signingKey: request.signingKey, into: staging, trace: trace)
            }
        } catch {
            writer.discard(staging)
            throw error
        }
        // A cancelled scan stops here: nothing of it is stored or published.
        if Task.isCancelled {
            writer.discard(staging)
            throw .cancelled
        }
        let finalDirectory = writer.targetDirectory(setup.targetName).appendingPathComponent(report.runID).path
        let closing = [ScanEvent.newSevereFindings(report, at: report.finishedAt),
                       ScanEvent.scanComplete(report, durationMilliseconds: Int(max(duration, 0) * 1000), at: report.finishedAt)]
        do {
            try trace.step("store") { () throws(StoreError) in try storage.store.save(report, targetPath: setup.root, artifactsDirectory: finalDirectory, origin: request.origin,
                                   events: journal.drain() + closing.compactMap { $0 }, reuseKey: reuseKey, batch: request.batch) }
        } catch .scanNoLongerRunning {
            writer.discard(staging)
            throw .cancelled
        } catch {
            writer.discard(staging)
            throw .store(error)
        }
        return try writer.publish(staging, target: setup.targetName, runID: report.runID)
    }

    /// Refreshes the site index over the stored runs. It is a convenience: failing to refresh it never
    /// fails the run, and the returned note says why it was not updated.
    func refreshSite(_ setup: RunSetup, storage: RunStorage, request: ScanRequest) async -> [String] {
        var templates = setup.templates
        if templates == nil { templates = try? await loadTemplates(request.templatesDirectory) }
        guard let templates else { return [] }
        do {
            try SiteWriter(outputRoot: storage.outputRoot, templates: templates).refresh(store: storage.store, target: setup.targetName)
            return []
        } catch {
            return ["the site index (\(storage.outputRoot.path)/index.html) was not updated: \(error)"]
        }
    }
}
