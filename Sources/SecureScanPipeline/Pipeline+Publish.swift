import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

/// The server's side of `--publish`: a run a CI runner sent, judged against the central history.
extension Pipeline {
    /// `publication`'s run judged against `store`'s history of its target: the runner's own triage
    /// suppressions dropped and the store's verdicts applied (its config, inline and baseline ones kept:
    /// they are the project's), compared with the target's last stored run, and the runner's gate
    /// evaluated over the result.
    public static func judgePublished(_ publication: RunPublication, store: Store, today: String) throws(PipelineError) -> RunReport {
        var run = publication.run
        var findings = run.findings
        for index in findings.indices where findings[index].suppression?.source == .triage { findings[index].suppression = nil }
        let verdicts: [Fingerprint: TriageVerdict]
        let previous: PreviousState
        do {
            verdicts = try store.verdicts(for: findings.map(\.fingerprint))
            previous = try store.previousState(target: run.target.name)
        } catch {
            throw .store(error)
        }
        let diff = RunDiff(current: FindingPolicy(triage: verdicts).apply(to: findings, today: today), previous: previous.findings,
                           seenBefore: previous.seenFingerprints, completedScanners: Set(run.scannerRuns.filter(\.completed).map(\.scanner)))
        run.findings = diff.current
        run.gate = Gate.evaluate(policy: publication.gate, findings: run.findings, scannerRuns: run.scannerRuns)
        run.diff = diff
        run.baseRunID = previous.runID
        return run
    }

    /// What a published run must be before anything of it is stored: this format's kind and version, a run
    /// id and target name usable as folder names, times in order. Returns the first problem, naming the field.
    private static func firstRepeated(_ values: [String]) -> String? {
        var seen = Set<String>()
        return values.first { !seen.insert($0).inserted }
    }

    public static func problem(with publication: RunPublication) -> String? {
        if publication.kind != RunPublication.kind { return "field 'kind' must be '\(RunPublication.kind)' (is '\(publication.kind)')" }
        if publication.version != RunPublication.version {
            return "field 'version' is \(publication.version); this server reads version \(RunPublication.version) (upgrade the older side)"
        }
        let run = publication.run
        for (field, value) in [("run.runID", run.runID), ("run.target.name", run.target.name)] {
            if value.isEmpty || value.count > 200 || value.hasPrefix(".") || value.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" || $0.isNewline }) {
                return "field '\(field)' must be 1 to 200 characters, not starting with '.', without '/', '\\\\', NUL or line breaks"
            }
        }
        for (field, value) in [("run.startedAt", run.startedAt), ("run.finishedAt", run.finishedAt)] where !UTCTimestamp.isValid(value) {
            return "field '\(field)' must be a UTC time like 2026-12-01T09:00:00Z, not '\(value.prefix(64))'"
        }
        if run.finishedAt < run.startedAt { return "field 'run.finishedAt' is before 'run.startedAt'" }
        // A run names each scanner, finding and component once: the store keys them so.
        if let twice = firstRepeated(run.scannerRuns.map(\.scanner)) { return "field 'run.scannerRuns' names scanner '\(twice.prefix(200))' twice" }
        if let twice = firstRepeated(run.findings.map(\.fingerprint.rawValue)) { return "field 'run.findings' has fingerprint '\(twice.prefix(200))' twice" }
        if let twice = firstRepeated(run.components.map { $0.purl + " in " + $0.manifestPath }) {
            return "field 'run.components' has '\(twice.prefix(400))' twice"
        }
        return nil
    }
}

extension Pipeline {
    /// Keeps the artifact folder a runner sent for its published run `runID`: every file decoded and
    /// checked against the folder's `manifest.json` (present, same size and SHA-256, nothing unlisted)
    /// before anything is kept; then kept in the store (a shared store) or put in place under `outputRoot`
    /// with the site's pages refreshed (a local one). Returns how many files were kept.
    /// - Throws: ``PipelineError/target(_:)`` for an upload that is not the run's folder (the problem named),
    ///   ``PipelineError/store(_:)`` and ``PipelineError/artifacts(path:reason:)`` otherwise.
    /// The run an uploaded folder's `manifest.json` names, when it has a readable one.
    public static func manifestRunID(of upload: RunArtifactUpload) -> String? {
        struct ManifestRun: Decodable { var run_id: String? }
        guard let manifest = upload.files.first(where: { $0.name == Manifest.fileName }), let data = Data(base64Encoded: manifest.content) else {
            return nil
        }
        return (try? JSONDecoder().decode(ManifestRun.self, from: data))?.run_id
    }

    public static func keepPublishedArtifacts(_ upload: RunArtifactUpload, runID: String, store: Store, outputRoot: URL,
                                              templates: TemplateLibrary?) throws(PipelineError) -> Int {
        let run: RunSummary
        do { run = try store.run(id: runID) } catch { throw .store(error) }
        var seen = Set<String>()
        for file in upload.files {
            let name = file.name
            if name.isEmpty || name.hasPrefix(".") || name.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }) || name.count > 200 {
                throw .target("files: '\(name.prefix(200))' is not a file name of a run folder")
            }
            if !seen.insert(name).inserted { throw .target("files: '\(name)' is sent twice") }
        }
        guard upload.files.contains(where: { $0.name == Manifest.fileName }) else {
            throw .target("files: manifest.json is missing; a run folder's manifest lists every other file with its size and SHA-256")
        }
        // The folder must be this run's: a manifest of another run is not its evidence.
        if let named = manifestRunID(of: upload), named != runID {
            throw .target("files: manifest.json is the manifest of run '\(named.prefix(200))', not of run '\(runID)'")
        }
        // A shared store keeps the files itself: they are checked in a folder of their own, removed after.
        let scratch = store.keepsArtifacts ? FileManager.default.temporaryDirectory.appendingPathComponent("securescan-upload-\(UUID().uuidString)") : nil
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let writer = ArtifactWriter(outputRoot: scratch ?? outputRoot)
        let staging = try writer.makeStaging(target: run.target, runID: runID)
        do {
            for file in upload.files {
                guard let data = Data(base64Encoded: file.content) else { throw PipelineError.target("files: the content of '\(file.name)' is not base64") }
                do {
                    try data.write(to: staging.appendingPathComponent(file.name))
                } catch {
                    throw PipelineError.artifacts(path: staging.appendingPathComponent(file.name).path, reason: (error as NSError).localizedDescription)
                }
            }
            let verification = RunVerification.check(directory: staging.path, publicKey: nil)
            if let problem = verification.problems.first {
                throw PipelineError.target("files: \(problem.description)" + (verification.problems.count > 1 ? " (and \(verification.problems.count - 1) more)" : ""))
            }
            if store.keepsArtifacts {
                do { try store.keepArtifacts(runID: runID, from: staging) } catch { throw PipelineError.store(error) }
                writer.discard(staging)
            } else {
                _ = try writer.publish(staging, target: run.target, runID: runID)
                if let templates { try? SiteWriter(outputRoot: outputRoot, templates: templates).refresh(store: store, target: run.target) }
            }
        } catch let error as PipelineError {
            writer.discard(staging)
            throw error
        } catch {
            writer.discard(staging)
            throw .artifacts(path: staging.path, reason: "\(error)")
        }
        return upload.files.count
    }
}
