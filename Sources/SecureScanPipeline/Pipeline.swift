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

    public func scan(_ request: ScanRequest) async throws(PipelineError) -> ScanOutcome {
        let started = now()
        var runID = request.runID ?? makeRunID(started)
        let root: String
        do {
            root = try TreeWalker.resolveRoot(request.path)
        } catch {
            throw .target(error.description)
        }

        // Configuration: explicit file, else discovered upwards from the target, else the embedded defaults.
        let configFile = request.configFile ?? ConfigDiscovery.find(startingAt: root)
        let loader = ConfigLoader(scanners: scanners)
        var (config, configDigest) = (ScanConfig(), ContentDigest.sha256(""))
        if let provided = request.config {
            (config, configDigest) = (provided.config, provided.digest)
        } else if let configFile {
            (config, configDigest) = try loader.load(file: configFile)
        }
        let targetConfig = Pipeline.matchTarget(config: config, configFile: configFile, root: root)
        let targetName = request.targetName ?? targetConfig?.name ?? TargetConfig.derivedName(
            from: URL(fileURLWithPath: root).lastPathComponent)
        guard TargetConfig.isValidName(targetName) else {
            throw .target("target name '\(targetName)' must start with a letter or digit and use only letters, digits, '.', '_' and '-'")
        }
        let selected = try selectScanners(request: request, config: config, target: targetConfig)
        let formats = try selectFormats(request.formats)
        let templates = formats.contains(where: \.usesTemplates) ? try await loadTemplates(request.templatesDirectory) : nil

        // Storage first, so a bad database path fails before minutes of scanning.
        let (outputRoot, databasePath) = try Pipeline.prepareOutput(request.outputRoot, database: request.databasePath)
        let store: Store
        let previous: PreviousState
        do {
            store = try Store.open(path: databasePath)
            previous = try store.previousState(target: targetName)
        } catch {
            throw .store(error.description)
        }

        // One walk of the tree for every built-in scanner.
        var excludes = config.useDefaultExcludes ? TreeWalker.defaultExcludes : []
        excludes += config.exclude + (targetConfig?.exclude ?? []) + request.excludes
        let resolvedOutput = URL(fileURLWithPath: outputRoot.path).resolvingSymlinksInPath().path
        if resolvedOutput.hasPrefix(root + "/") { excludes.append("/" + resolvedOutput.dropFirst(root.count + 1) + "/") }
        let tree: TargetTree
        do {
            let walker = TreeWalker(excludes: try PathPatternSet(excludes), maxFileSize: config.maxFileSize)
            tree = request.walkTree ? try walker.walk(root: root) : TargetTree(files: [])
        } catch let error as CoreError {
            throw .target(error.description)
        } catch let error as ScannersError {
            throw .target(error.description)
        } catch {
            throw .target(String(describing: error))
        }
        if request.walkTree { progress(.walked(files: tree.files.count, bytes: tree.totalBytes)) }
        // The advisory database, read-only; without one the osv scanner is skipped with a hint.
        var advisories: AdvisoryStore?
        let advisoryFile = VulnerabilityDatabaseLocation.file(in: request.vulnerabilityDatabase)
        if selected.contains(where: { $0.id == "osv" }), FileManager.default.fileExists(atPath: advisoryFile) {
            do {
                advisories = try AdvisoryStore.open(path: advisoryFile, create: false)
            } catch {
                throw .store(error.description)
            }
        }
        let advisoryDigest: String?
        do {
            advisoryDigest = try advisories?.digest()
        } catch {
            throw .store("cannot read the vulnerability database \(advisoryFile): \(error)")
        }
        var target = ScanTarget(name: targetName, root: root, tree: tree, advisories: advisories, licensePolicy: config.licenses)
        target.memoryLimits = config.scannerMemoryLimits
        target.defaultMemoryLimit = config.memoryLimit
        target.options = config.scannerOptions

        // Reuse: an unchanged target's previous run stands for it; with only a new vulnerability database,
        // just the scanners that read the database run again.
        let availability = await Pipeline.availabilities(selected)
        let git = GitInfo.read(root: root)
        let reuseKey = Pipeline.reuseKey(tree: tree, commit: git?.commit, configDigest: configDigest, target: targetName,
                                         availability: availability, formats: formats.map(\.id), request: request)
        if derivesRunIDs, request.runID == nil {
            runID = Pipeline.derivedRunID(started, reuseKey: reuseKey, baseRunID: previous.runID)
        }
        var reused: ReusedResults?
        if request.reuse == .ifUnchanged, let last = try? store.lastRun(target: targetName), last.reuseKey == reuseKey {
            let databaseScanners = Set(selected.filter(\.usesVulnerabilityDatabase).map(\.id))
            let databaseUsed = last.vulnerabilityDatabaseDigest != nil || advisoryDigest != nil
            if databaseScanners.isEmpty || !databaseUsed || last.vulnerabilityDatabaseDigest == advisoryDigest {
                return try reuse(last, scanID: runID, root: root, store: store, request: request, databasePath: databasePath,
                                 configFile: configFile, config: config)
            }
            do {
                reused = ReusedResults(report: try store.report(runID: last.summary.id), rerun: databaseScanners)
            } catch {
                throw .store(error.description)
            }
        }
        let toRun = reused.map { reused in selected.filter { scanner in !reused.scannerRuns.contains { $0.scanner == scanner.id } } } ?? selected

        // An API scan's events go to its stream as they happen; other runs store theirs with the run.
        let journal = EventJournal(scanID: runID, store: store, live: request.origin == .api, now: now)
        journal.record(ScanEvent(.scanStart, [
            "target": .string(targetName), "scanner_count": .int(selected.count), "scanners": .strings(selected.map(\.id)),
            "files": .int(tree.files.count),
        ], at: Pipeline.timestamp(now())))
        let results = await runScanners(toRun, on: target, config: config, availability: availability, journal: journal)
        let scannerRuns = (results.map(\.run) + (reused?.scannerRuns ?? [])).sorted { $0.scanner < $1.scanner }
        var findings: [Finding] = []
        var components: [Component] = []
        for result in results where result.run.status == .ran {
            // A scanner redacts the secrets it reports itself; every other scanner's text is scrubbed of them.
            let redactor = Redactor(values: results.filter { $0.run.scanner != result.run.scanner }.flatMap(\.observations.sensitiveValues))
            findings += Fingerprinter.findings(
                from: result.observations.findings, scanner: result.run.scanner, scanType: result.run.scanType,
                target: targetName).map(redactor.scrub)
            components += result.observations.components
        }
        if let reused {
            findings += reused.findings
            components += reused.components
        }
        // Two catalogers (the built-in one and syft, say) list the same package once.
        var seenComponents: Set<String> = []
        components = components.filter { seenComponents.insert(($0.purl.isEmpty ? "\($0.ecosystem)/\($0.name)@\($0.version)" : $0.purl) + "\u{0}" + $0.manifestPath).inserted }
        let today = String(Pipeline.timestamp(started).prefix(10))
        findings = FindingMerge.deduplicated(findings)
        let verdicts: [Fingerprint: TriageVerdict]
        do {
            verdicts = try store.verdicts(for: findings.map(\.fingerprint))
        } catch {
            throw .store(error.description)
        }
        let policy = FindingPolicy(config: config, triage: verdicts)
        findings = policy.apply(to: findings, today: today)

        let diff = RunDiff(
            current: findings, previous: previous.findings, seenBefore: previous.seenFingerprints,
            completedScanners: Set(scannerRuns.filter(\.completed).map(\.scanner)))
        let current = diff.current
        let gatePolicy = config.policy.overridden(by: request.gate)
        let gate = Gate.evaluate(policy: gatePolicy, findings: current, scannerRuns: scannerRuns)
        // The database's summary (record counts) goes into the report only when the matcher used it.
        var advisorySummary: AdvisoryDatabaseSummary?
        if scannerRuns.contains(where: { $0.scanner == "osv" && $0.status == .ran }) {
            do {
                advisorySummary = try advisories?.summary()
            } catch {
                throw .store("cannot read the vulnerability database \(advisoryFile): \(error)")
            }
        }
        let finished = now()
        let report = RunReport(
            runID: runID, target: TargetInfo(name: targetName, commit: git?.commit, branch: git?.branch),
            startedAt: Pipeline.timestamp(started), finishedAt: Pipeline.timestamp(max(finished, started)), tool: ToolInfo.current,
            scannerRuns: scannerRuns, findings: current, components: components, diff: diff,
            baseRunID: previous.runID, gate: gate, configDigest: configDigest,
            advisoryDatabase: advisorySummary)

        // Render, store, publish: the run becomes visible only once both database and files are complete.
        let writer = ArtifactWriter(outputRoot: outputRoot)
        let history = ((try? store.runs(target: targetName, limit: Pipeline.trendLength)) ?? []).reversed().map { run in
            RunTrendPoint(runID: run.id, finishedAt: run.finishedAt, counts: run.counts, riskScore: run.riskScore)
        }
        let context = RenderContext(templates: templates, cycloneDXVersion: request.cycloneDXVersion, history: history,
                                    pdfMaxPages: config.pdfMaxPages)
        let staging = try writer.makeStaging(target: targetName, runID: runID)
        do {
            try await Pipeline.render(report, formats: formats, context: context, signingKey: request.signingKey, into: staging)
        } catch {
            writer.discard(staging)
            throw error
        }
        // A cancelled scan stops here: nothing of it is stored or published.
        if Task.isCancelled {
            writer.discard(staging)
            throw .cancelled
        }
        let finalDirectory = writer.targetDirectory(targetName).appendingPathComponent(runID).path
        let duration = Int(max(finished.timeIntervalSince(started), 0) * 1000)
        let closing = [ScanEvent.newSevereFindings(report, at: report.finishedAt),
                       ScanEvent.scanComplete(report, durationMilliseconds: duration, at: report.finishedAt)].compactMap { $0 }
        do {
            try store.save(report, targetPath: root, artifactsDirectory: finalDirectory, origin: request.origin,
                           events: journal.drain() + closing, reuseKey: reuseKey, batch: request.batch)
        } catch StoreError.scanNoLongerRunning {
            writer.discard(staging)
            throw .cancelled
        } catch {
            writer.discard(staging)
            throw .store(error.description)
        }
        let published = try writer.publish(staging, target: targetName, runID: runID)

        var notes = tree.notes
        // The site index is a convenience over the stored runs: failing to refresh it never fails the run.
        var siteTemplates = templates
        if siteTemplates == nil { siteTemplates = try? await loadTemplates(request.templatesDirectory) }
        if let siteTemplates {
            do {
                try SiteWriter(outputRoot: outputRoot, templates: siteTemplates).refresh(store: store, target: targetName)
            } catch {
                notes.append("the site index (\(outputRoot.path)/index.html) was not updated: \(error)")
            }
        }
        for result in results { notes += result.observations.notes.map { "\(result.run.scanner): \($0)" } }
        for expired in policy.expiredSuppressions(today: today) {
            notes.append("suppression for \(expired.rule ?? expired.path?.description ?? expired.fingerprint ?? "?") expired on \(expired.expires ?? "?") and no longer applies")
        }
        var outcome = ScanOutcome(report: report, artifactsDirectory: published.path, databasePath: databasePath,
                                  configFile: configFile, notes: notes)
        outcome.webhookPolicy = WebhookTargetPolicy(allowedNetworks: config.webhookAllowedNetworks)
        outcome.scanID = runID
        if let reused { outcome.notes.append("only the vulnerability database changed: \(toRun.map(\.id).joined(separator: ", ")) ran again, the other scanners' results come from run \(reused.runID)") }
        return outcome
    }

    // MARK: - Steps

    /// The configured target whose path resolves to `root`.
    static func matchTarget(config: ScanConfig, configFile: String?, root: String) -> TargetConfig? {
        let base = configFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return config.targets.first { target in
            let url = target.path.hasPrefix("/") ? URL(fileURLWithPath: target.path) : base.appendingPathComponent(target.path)
            return (try? TreeWalker.resolveRoot(url.path)) == root
        }
    }

    private func selectScanners(request: ScanRequest, config: ScanConfig, target: TargetConfig?) throws(PipelineError) -> [any ScannerAdapter] {
        let ids = scanners.map(\.id)
        if let requested = request.scanners {
            for id in requested where !ids.contains(id) { throw .unknownScanner(id: id, known: ids) }
        }
        guard let wanted = request.scanners ?? target?.scanners ?? config.scanners else { return Scanners.defaultSelection(from: scanners) }
        return scanners.filter { wanted.contains($0.id) }
    }

    private func selectFormats(_ requested: [String]?) throws(PipelineError) -> [any OutputFormat] {
        guard let requested else { return Formats.all }
        for id in requested where Formats.named(id) == nil { throw .unknownFormat(id: id, known: Formats.ids) }
        return Formats.all.filter { requested.contains($0.id) }
    }

    func loadTemplates(_ explicit: String?) async throws(PipelineError) -> TemplateLibrary {
        guard let directory = explicit ?? ProcessInfo.processInfo.environment["SECURESCAN_TEMPLATES"]
            ?? TemplateLibrary.locate(executable: executablePath) else {
            throw .reports(ReportsError.templatesNotFound(searched: TemplateLibrary.candidates(executable: executablePath)).description)
        }
        guard FileManager.default.fileExists(atPath: directory) else {
            throw .reports("templates directory \(directory) does not exist")
        }
        do {
            return try await TemplateLibrary.load(from: directory)
        } catch {
            throw .reports(error.description)
        }
    }

    /// One scanner's outcome: its run record and what it observed.
    struct ScannerResult: Sendable {
        var run: ScannerRun
        var observations: Observations
    }

    /// Runs the scanners concurrently, each under its time limit. A scanner that is unavailable, throws,
    /// or runs out of time becomes a skipped, failed or timed-out run; the others are unaffected.
    private func runScanners(_ selected: [any ScannerAdapter], on target: ScanTarget, config: ScanConfig,
                             availability: [String: ScannerAvailability], journal: EventJournal) async -> [ScannerResult] {
        await withTaskGroup(of: (Int, ScannerResult).self) { group in
            for (index, scanner) in selected.enumerated() {
                group.addTask {
                    let result = await runOne(scanner, on: target, seconds: config.timeout(for: scanner.id),
                                              availability: availability[scanner.id], journal: journal)
                    progress(.scannerFinished(result.run))
                    journal.record(ScanEvent.scannerFinished(result.run, at: Pipeline.timestamp(now())))
                    return (index, result)
                }
            }
            var results: [(Int, ScannerResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func runOne(_ scanner: any ScannerAdapter, on target: ScanTarget, seconds: Double, availability known: ScannerAvailability?,
                        journal: EventJournal) async -> ScannerResult {
        let version: String
        let state: ScannerAvailability
        if let known { state = known } else { state = await scanner.availability() }
        switch state {
        case .unavailable(let reason, let hint):
            return ScannerResult(
                run: ScannerRun(scanner: scanner.id, scanType: scanner.scanType, status: .skipped, reason: reason, installHint: hint),
                observations: Observations())
        case .available(let found):
            version = found
        }
        progress(.scannerStarted(scanner.id))
        journal.record(ScanEvent(.scannerStart, ["scanner": .string(scanner.id)], at: Pipeline.timestamp(now())))
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Int { (clock.now - start).milliseconds }
        do {
            let observations = try await TimeLimit.run(seconds: seconds) { try await scanner.scan(target) }
            return ScannerResult(
                run: ScannerRun(scanner: scanner.id, scanType: scanner.scanType, status: .ran, version: version,
                                findingCount: observations.findings.count, durationMilliseconds: elapsed(), notes: observations.notes),
                observations: observations)
        } catch ScannersError.unavailable(let reason, let hint) {
            return ScannerResult(
                run: ScannerRun(scanner: scanner.id, scanType: scanner.scanType, status: .skipped, reason: reason, installHint: hint),
                observations: Observations())
        } catch is TimeLimit.Exceeded {
            return ScannerResult(
                run: ScannerRun(scanner: scanner.id, scanType: scanner.scanType, status: .timedOut, version: version,
                                error: ScannersError.timedOut(seconds: seconds).description, durationMilliseconds: elapsed()),
                observations: Observations())
        } catch {
            let message = String(describing: error)
            return ScannerResult(
                run: ScannerRun(scanner: scanner.id, scanType: scanner.scanType, status: .failed, version: version,
                                error: message, durationMilliseconds: elapsed()),
                observations: Observations())
        }
    }
}
