import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners
import SecureScanStore

extension Pipeline {
    /// The request resolved: the root, the configuration (explicit, else discovered upwards from the target,
    /// else the embedded defaults), the target's name, the scanners, the formats and their templates.
    func resolve(_ request: ScanRequest) async throws(PipelineError) -> RunSetup {
        let root: String
        do {
            root = try TreeWalker.resolveRoot(request.path)
        } catch {
            throw .target(error.description)
        }
        let configFile = request.configFile ?? ConfigDiscovery.find(startingAt: root)
        var (config, configDigest) = (ScanConfig(), ContentDigest.sha256(""))
        if let provided = request.config {
            (config, configDigest) = (provided.config, provided.digest)
        } else if let configFile {
            (config, configDigest) = try ConfigLoader(scanners: scanners).load(file: configFile)
        }
        for (scanner, options) in request.scannerOptions {
            for (key, values) in options { config.scannerOptions[scanner, default: [:]][key] = values }
        }
        let targetConfig = Pipeline.matchTarget(config: config, configFile: configFile, root: root)
        let targetName = request.targetName ?? targetConfig?.name ?? TargetConfig.derivedName(
            from: URL(fileURLWithPath: root).lastPathComponent)
        if let problem = TargetConfig.nameProblem(targetName) { throw .target(problem) }
        var selected = try selectScanners(request: request, config: config, target: targetConfig)
        if let history = request.history {
            let revisions = history.isEmpty ? GitHistoryScanner.defaultRevisions : history
            config.scannerOptions[GitHistoryScanner.scannerID, default: [:]]["revisions"] = revisions
            do {
                try await GitHistoryScanner.check(root: root, revisions: revisions)
            } catch {
                throw .git(error.description)
            }
            if !selected.contains(where: { $0.id == GitHistoryScanner.scannerID }),
               let scanner = scanners.first(where: { $0.id == GitHistoryScanner.scannerID }) {
                selected.append(scanner)
            }
        }
        // Scanners the target or the request brings along (a target URL, a root filesystem), unless the
        // scanners were named.
        if request.scanners == nil {
            var options = config.scannerOptions
            for (scanner, values) in request.scannerOptions { options[scanner, default: [:]].merge(values) { $1 } }
            selected += scanners.filter { scanner in
                !selected.contains(where: { $0.id == scanner.id }) && scanner.selectsItself(root: root, options: options)
            }
        }
        let formats = try Pipeline.selectFormats(request.formats, from: self.formats)
        let templates = formats.contains(where: \.usesTemplates) ? try await loadTemplates(request.templatesDirectory) : nil
        var setup = RunSetup(root: root, configFile: configFile, config: config, configDigest: configDigest, targetConfig: targetConfig,
                             targetName: targetName, scanners: selected, formats: formats, templates: templates)
        // A config file's baseline path is relative to the file (a batch's were resolved when it was read).
        let configured = config.baseline.map { path in
            path.hasPrefix("/") || request.config != nil || configFile == nil
                ? path : URL(fileURLWithPath: configFile!).deletingLastPathComponent().appendingPathComponent(path).path
        }
        if let file = request.baselineFile ?? configured {
            (setup.baseline, setup.baselineDigest) = try Pipeline.loadBaseline(file)
        }
        let configuredVEX = config.vex.map { path in
            path.hasPrefix("/") || request.config != nil || configFile == nil
                ? path : URL(fileURLWithPath: configFile!).deletingLastPathComponent().appendingPathComponent(path).path
        }
        for file in request.vexFiles + configuredVEX {
            setup.vex += try VEXReader.statements(file: file)
        }
        return setup
    }

    /// A baseline file (or a findings.json or SARIF log used as one).
    public static func readBaseline(_ file: String) throws(PipelineError) -> Baseline { try loadBaseline(file).0 }

    /// A baseline file (or a findings.json or SARIF log used as one), and the digest of its bytes.
    static func loadBaseline(_ file: String) throws(PipelineError) -> (Baseline, String) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .configUnreadable(file: file, reason: FileManager.default.fileExists(atPath: file)
                ? "not readable" : "no such baseline file (`securescan baseline create -o \(file)` writes one)")
        }
        do {
            return (try Baseline.read(data, file: file), ContentDigest.sha256(bytes: data))
        } catch {
            guard case .baseline(_, let message) = error else { throw .config(file: file, line: nil, column: nil, message: error.description) }
            throw .config(file: file, line: nil, column: nil, message: message)
        }
    }

    /// The configured target whose path resolves to `root`.
    static func matchTarget(config: ScanConfig, configFile: String?, root: String) -> TargetConfig? {
        let base = configFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return config.targets.first { target in
            let url = target.path.hasPrefix("/") ? URL(fileURLWithPath: target.path) : base.appendingPathComponent(target.path)
            return (try? TreeWalker.resolveRoot(url.path)) == root
        }
    }

    func selectScanners(request: ScanRequest, config: ScanConfig, target: TargetConfig?) throws(PipelineError) -> [any ScannerAdapter] {
        let ids = scanners.map(\.id)
        if let requested = request.scanners {
            for id in requested where !ids.contains(id) { throw .unknownScanner(id: id, known: ids) }
        }
        guard let wanted = request.scanners ?? target?.scanners ?? config.scanners else { return Scanners.defaultSelection(from: scanners) }
        return scanners.filter { wanted.contains($0.id) }
    }

    static func selectFormats(_ requested: [String]?, from available: [any OutputFormat]) throws(PipelineError) -> [any OutputFormat] {
        guard let requested else { return available.filter(\.writtenByDefault) }
        for id in requested where !available.contains(where: { $0.id == id }) { throw .unknownFormat(id: id, known: available.map(\.id)) }
        return available.filter { requested.contains($0.id) }
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

    /// The output root and the store, opened before scanning so a bad database path fails before minutes
    /// of work, with what the store remembers of the target.
    func openStorage(_ request: ScanRequest, target: String) throws(PipelineError) -> RunStorage {
        let (outputRoot, database) = try Pipeline.prepareOutput(request.outputRoot, database: request.database)
        do {
            let store: Store
            if let open = request.openStore { store = open } else { store = try Store.open(database) }
            return RunStorage(store: store, previous: try store.previousState(target: target), outputRoot: outputRoot,
                              database: database)
        } catch {
            throw .store(error)
        }
    }

    /// One walk of the tree for every built-in scanner, without the default, configured and requested
    /// excludes, and without the output root when it lies inside the tree.
    func walk(_ request: ScanRequest, setup: RunSetup, outputRoot: URL) throws(PipelineError) -> TargetTree {
        guard request.walkTree else { return TargetTree(files: []) }
        var excludes = setup.config.useDefaultExcludes ? TreeWalker.defaultExcludes : []
        excludes += setup.config.exclude + (setup.targetConfig?.exclude ?? []) + request.excludes
        let resolvedOutput = URL(fileURLWithPath: outputRoot.path).resolvingSymlinksInPath().path
        if resolvedOutput.hasPrefix(setup.root + "/") {
            excludes.append("/" + resolvedOutput.dropFirst(setup.root.count + 1) + "/")
        }
        let tree: TargetTree
        do {
            let walker = TreeWalker(excludes: try PathPatternSet(excludes), maxFileSize: setup.config.maxFileSize)
            tree = try walker.walk(root: setup.root)
        } catch let error as CoreError {
            throw .target(error.description)
        } catch let error as ScannersError {
            throw .target(error.description)
        } catch {
            throw .target(String(describing: error))
        }
        progress(.walked(files: tree.files.count, bytes: tree.totalBytes))
        return tree
    }

    /// The advisory database, read-only, when a selected scanner matches against it and it exists; without
    /// one those scanners are skipped with a hint.
    func openAdvisories(_ request: ScanRequest, scanners selected: [any ScannerAdapter]) throws(PipelineError) -> AdvisoryAccess? {
        let file = VulnerabilityDatabaseLocation.file(in: request.vulnerabilityDatabase)
        guard selected.contains(where: \.usesVulnerabilityDatabase), FileManager.default.fileExists(atPath: file) else { return nil }
        let store: AdvisoryStore
        do {
            store = try AdvisoryStore.open(path: file, create: false)
        } catch {
            throw .store(error)
        }
        do {
            return AdvisoryAccess(store: store, file: file, digest: try store.digest())
        } catch {
            throw .vulnerabilityDatabase(file: file, reason: "\(error)")
        }
    }

    /// The database's summary (record counts), for the report, when a scanner that read it ran.
    func advisorySummary(_ advisories: AdvisoryAccess?, scannerRuns: [ScannerRun]) throws(PipelineError) -> AdvisoryDatabaseSummary? {
        guard let advisories else { return nil }
        let readers = Set(scanners.filter(\.usesVulnerabilityDatabase).map(\.id))
        guard scannerRuns.contains(where: { readers.contains($0.scanner) && $0.status == .ran }) else { return nil }
        do {
            return try advisories.store.summary()
        } catch {
            throw .vulnerabilityDatabase(file: advisories.file, reason: "\(error)")
        }
    }
}
