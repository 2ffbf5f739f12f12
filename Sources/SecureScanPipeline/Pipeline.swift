import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners
import SecureScanStore

/// The order of things, for one target: scan → normalize → fingerprint → policy → diff → store → render → gate.
///
/// Dependencies are stored properties with production defaults (the scanner list, the clock, run ids);
/// tests replace them.
public struct Pipeline: Sendable {
    /// How many earlier runs a report's trend chart shows.
    static let trendLength = 30

    public var scanners: [any ScannerAdapter]
    /// The artifact formats a run may write (`--format` picks among them).
    public var formats: [any OutputFormat] = Formats.all
    public var now: @Sendable () -> Date
    public var makeRunID: @Sendable (Date) -> String
    /// Whether run ids derive from the run's inputs (``derivedRunID(_:reuseKey:baseRunID:)``) instead of
    /// ``makeRunID``: set with a fixed clock, for reproducible artifacts.
    public var derivesRunIDs = false
    /// The running executable, used to find the report templates.
    public var executablePath: String
    /// Called as the run progresses, for the command line's progress lines.
    public var progress: @Sendable (ProgressEvent) -> Void

    public init(
        scanners: [any ScannerAdapter] = Scanners.all, now: @escaping @Sendable () -> Date = { Date() },
        makeRunID: @escaping @Sendable (Date) -> String = Pipeline.defaultRunID,
        executablePath: String = CommandLine.arguments.first ?? "securescan",
        progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }
    ) {
        self.scanners = scanners
        self.now = now
        self.makeRunID = makeRunID
        self.executablePath = executablePath
        self.progress = progress
    }

    /// What happened so far, for people watching.
    public enum ProgressEvent: Sendable {
        case walked(files: Int, bytes: Int)
        case scannerStarted(String)
        case scannerFinished(ScannerRun)
    }

    /// `20261129T004721Z-3f9a1c`: sortable by time, unique by its random suffix.
    @Sendable public static func defaultRunID(_ date: Date) -> String {
        UTCTimestamp.compact(date) + "-" + (0..<3).map { _ in UInt8.random(in: 0...255) }.hexString
    }

    /// A run id from the run's inputs rather than chance, for reproducible runs (`SOURCE_DATE_EPOCH`): the
    /// time, then a digest of what the results depend on (``reuseKey(tree:commit:configDigest:target:availability:formats:request:)``:
    /// tree, commit, config, target, scanner versions, formats) and the run compared with. The same inputs
    /// into a fresh output give the same id, so the same bytes in every artifact; a different tree, config,
    /// scanner or history gives another id, so SBOM serial numbers stay unique per distinct run.
    public static func derivedRunID(_ date: Date, reuseKey: String, baseRunID: String?) -> String {
        UTCTimestamp.compact(date) + "-" + ContentDigest.sha256("run1\u{0}\(reuseKey)\u{0}\(baseRunID ?? "-")").prefix(6)
    }

    /// ISO-8601 UTC with a `Z`, to the second.
    static func timestamp(_ date: Date) -> String { UTCTimestamp.iso8601(date) }

    /// One scan, step by step; each step is a function of its own (`Pipeline+Setup`, `Pipeline+Scanners`,
    /// `Pipeline+Judge`, `Pipeline+Persist`).
    public func scan(_ request: ScanRequest) async throws(PipelineError) -> ScanOutcome {
        let started = now()
        let trace = StepTrace()
        let setup = try await trace.step("resolve") { () async throws(PipelineError) in try await resolve(request) }
        let storage = try trace.step("open storage") { () throws(PipelineError) in try openStorage(request, target: setup.targetName) }
        let tree = try trace.step("walk") { () throws(PipelineError) in try walk(request, setup: setup, outputRoot: storage.outputRoot) }
        let advisories = try trace.step("advisories") { () throws(PipelineError) in try openAdvisories(request, scanners: setup.scanners) }

        // Reuse: an unchanged target's previous run stands for it; with only a new vulnerability database,
        // just the scanners that read the database run again.
        let availability = await Pipeline.availabilities(setup.scanners)
        let git = GitInfo.read(root: setup.root)
        let reuseKey = Pipeline.reuseKey(tree: tree, commit: git?.commit, configDigest: setup.configDigest + (setup.baselineDigest.map { "+baseline:" + $0 } ?? ""),
                                         target: setup.targetName,
                                         availability: availability, formats: setup.formats.map(\.id), request: request)
        let runID = request.runID ?? (derivesRunIDs
            ? Pipeline.derivedRunID(started, reuseKey: reuseKey, baseRunID: storage.previous.runID) : makeRunID(started))
        var reused: ReusedResults?
        switch request.publisher != nil ? .scanAll
            : try reuseDecision(request, setup: setup, storage: storage, reuseKey: reuseKey, advisoryDigest: advisories?.digest) {
        case .standIn(let last): return try reuse(last, scanID: runID, setup: setup, storage: storage, request: request)
        case .rerun(let results): reused = results
        case .scanAll: break
        }

        let journal = EventJournal(scanID: runID, store: storage.store, live: request.origin == .api, now: now)
        // The scanners' raw results (a draft per finding) are dropped once collected, so a large run's
        // drafts do not stay in memory while it is judged, rendered and stored.
        let (scannerRuns, scanned, scannerNotes) = await trace.step("scanners") { () async -> ([ScannerRun], CollectedResults, [String]) in
            let results = await runScanners(setup, tree: tree, advisories: advisories, skipping: reused, availability: availability, journal: journal)
            let runs = (results.map(\.run) + (reused?.scannerRuns ?? [])).sorted { $0.scanner < $1.scanner }
            let notes = results.flatMap { result in result.observations.notes.map { "\(result.run.scanner): \($0)" } }
            return (runs, trace.step("collect") { Pipeline.collect(results, reused: reused, target: setup.targetName) }, notes)
        }
        var collected = consume scanned
        let today = String(Pipeline.timestamp(started).prefix(10))
        let judged = try trace.step("judge") { () throws(PipelineError) in
            try judge(collected.takeFindings(), scannerRuns: scannerRuns, setup: setup, storage: storage, gate: request.gate, today: today)
        }

        let finished = max(now(), started)
        var report = RunReport(
            runID: runID, target: TargetInfo(name: setup.targetName, commit: git?.commit, branch: git?.branch),
            startedAt: Pipeline.timestamp(started), finishedAt: Pipeline.timestamp(finished), tool: ToolInfo.current,
            scannerRuns: scannerRuns, findings: judged.current, components: collected.components, diff: judged.diff,
            baseRunID: storage.previous.runID, gate: judged.gate, configDigest: setup.configDigest,
            advisoryDatabase: try advisorySummary(advisories, scannerRuns: scannerRuns), notes: tree.notes)
        // Published: the central server's judgment is the run's, and what its artifacts are rendered from.
        if let publisher = request.publisher {
            let publication = RunPublication(run: report, gate: setup.config.policy.overridden(by: request.gate), targetPath: setup.root)
            report = try await trace.step("publish") { () async throws(PipelineError) in try await publisher.judge(publication) }
        }
        let directory = try await persist(report, setup: setup, storage: storage, request: request, journal: journal,
                                          reuseKey: reuseKey, duration: finished.timeIntervalSince(started), trace: trace)
        if let publisher = request.publisher {
            try await trace.step("publish artifacts") { () async throws(PipelineError) in try await publisher.upload(runID: report.runID, directory: directory) }
        }

        var notes = tree.notes + (await trace.step("site") { await refreshSite(setup, storage: storage, request: request) })
        notes += scannerNotes
        if let note = Pipeline.staleBaselineNote(judged.staleBaseline) { notes.append(note) }
        if let note = Pipeline.staleVEXNote(judged.staleVEX) { notes.append(note) }
        notes += judged.policy.expiredSuppressions(today: today).map { expired in
            "suppression for \(expired.rule ?? expired.path?.description ?? expired.fingerprint ?? "?") expired on \(expired.expires ?? "?") and no longer applies"
        }
        if let reused {
            notes.append("only the vulnerability database changed: \(reused.remaining(setup.scanners).map(\.id).joined(separator: ", ")) ran again, the other scanners' results come from run \(reused.runID)")
        }
        var outcome = ScanOutcome(report: report, artifactsDirectory: directory.path, database: storage.database,
                                  configFile: setup.configFile, notes: notes)
        outcome.webhookPolicy = WebhookTargetPolicy(allowedNetworks: setup.config.webhookAllowedNetworks)
        outcome.scanID = runID
        return outcome
    }
}
