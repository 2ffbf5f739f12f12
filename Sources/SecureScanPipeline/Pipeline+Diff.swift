import Foundation
import SecureScanCore
import SecureScanScanners
import SecureScanStore

extension Pipeline {
    /// Judges a change by what it introduces: the same configuration and scanners run on the base and the
    /// head, and their findings are compared by fingerprint. Nothing is stored.
    ///
    /// Only the files that differ are read, on each side (`request.full` reads both trees whole): the
    /// base's versions are checked out of git into a scratch directory, at their head path when git
    /// detects a rename, so a moved file's findings keep their fingerprint and are neither new nor fixed.
    /// Scanners of live services (network, DAST) do not depend on the tree and do not run.
    public func diff(_ request: DiffRequest) async throws(PipelineError) -> ChangeReport {
        var scanRequest = request.scanRequest
        var setup = try await resolve(scanRequest)
        // The artifacts' directory, when it lies inside the target, is neither scanned nor part of the change.
        var outputPrefix: String?
        if let output = request.outputDirectory {
            let resolved = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
            if resolved.hasPrefix(setup.root + "/") {
                outputPrefix = resolved.dropFirst(setup.root.count + 1) + "/"
                scanRequest.excludes.append("/" + outputPrefix!)
            }
        }
        let repository = try await GitRepository.open(setup.root)
        let baseCommit: String
        if request.staged, request.base == "HEAD", (try? await repository.run(["rev-parse", "--verify", "--quiet", "HEAD"])) == nil {
            baseCommit = GitRepository.emptyTree  // the first commit: everything staged is new
        } else {
            baseCommit = try await repository.commit(request.base)
        }
        let headCommit: String?
        if let head = request.head, !request.staged { headCommit = try await repository.commit(head) } else { headCommit = nil }
        let changes = try await repository.changes(base: baseCommit, head: headCommit, staged: request.staged).filter { change in
            outputPrefix.map { prefix in !(change.headPath ?? change.basePath ?? "").hasPrefix(prefix) } ?? true
        }

        var notes: [String] = []
        let live = setup.scanners.filter { $0.scanType == .dast || $0.scanType == .network }
        if !live.isEmpty {
            notes.append("not run: \(live.map(\.id).joined(separator: ", ")) (\(live.count == 1 ? "it scans" : "they scan") a live service, not the tree)")
            setup.scanners.removeAll { $0.scanType == .dast || $0.scanType == .network }
        }
        if setup.scanners.contains(where: { $0.id == GitHistoryScanner.scannerID }) {
            notes.append("not run: \(GitHistoryScanner.scannerID) (a change is judged by its files; `scan --history` reads the history)")
            setup.scanners.removeAll { $0.id == GitHistoryScanner.scannerID }
        }

        let scratch: String
        do {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securescan-diff-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            scratch = try TreeWalker.resolveRoot(directory.path)
        } catch {
            throw .git("cannot create a scratch directory: \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        let baseRoot = scratch + "/base"
        try await repository.materialize(baseCommit, paths: request.full ? nil : changes.compactMap(Pipeline.baseReadPath), into: scratch + "/checkout", scratch: scratch)
        try Pipeline.placeBase(from: scratch + "/checkout", into: baseRoot, changes: changes)
        let headRoot: String
        if request.staged {
            headRoot = scratch + "/head"
            try await repository.materializeIndex(paths: changes.compactMap(\.headPath), into: headRoot)
        } else if let headCommit {
            headRoot = scratch + "/head"
            try await repository.materialize(headCommit, paths: request.full ? nil : changes.compactMap(\.headPath), into: headRoot, scratch: scratch)
        } else if request.full {
            headRoot = setup.root
        } else {
            headRoot = scratch + "/head"
            try Pipeline.copyWorkTreeFiles(changes.compactMap(\.headPath), from: setup.root, into: headRoot)
        }

        let store: Store
        do {
            if let database = request.database { store = try Store.open(database) } else { store = try Store.inMemory() }
        } catch {
            throw .store(error)
        }
        let advisories = try openAdvisories(scanRequest, scanners: setup.scanners)
        let availability = await Pipeline.availabilities(setup.scanners)
        let journal = EventJournal(scanID: "diff", store: store, live: false, now: now)

        let baseSide = try await observeTree(baseRoot, setup: setup, request: scanRequest, advisories: advisories, availability: availability, journal: journal)
        let headSide = try await observeTree(headRoot, setup: setup, request: scanRequest, advisories: advisories, availability: availability, journal: journal)

        let today = String(Pipeline.timestamp(now()).prefix(10))
        let verdicts: [Fingerprint: TriageVerdict]
        let fingerprints = (baseSide.findings + headSide.findings).map(\.fingerprint)
        if let publisher = request.publisher {
            verdicts = try await publisher.verdicts(for: fingerprints)
        } else {
            do {
                verdicts = try store.verdicts(for: fingerprints)
            } catch {
                throw .store(error)
            }
        }
        let policy = FindingPolicy(config: setup.config, triage: verdicts, baseline: setup.baseline, vex: setup.vex)
        let gatePolicy = setup.config.policy.overridden(by: request.gate)
        func judged(_ findings: [Finding], root: String) throws(PipelineError) -> [Finding] {
            try judgeWithoutHistory(findings, root: root, setup: setup, gate: gatePolicy, policy: policy, today: today)
        }
        let comparison = DiffComparison(
            base: try judged(baseSide.findings, root: baseRoot), head: try judged(headSide.findings, root: headRoot),
            baseRuns: baseSide.runs, headRuns: headSide.runs)
        notes += headSide.notes + comparison.notes
        if let note = Pipeline.staleBaselineNote(setup.baseline?.stale(against: Set(headSide.findings.map(\.fingerprint))) ?? []) {
            notes.append(note)
        }
        notes += policy.expiredSuppressions(today: today).map { expired in
            "suppression for \(expired.rule ?? expired.path?.description ?? expired.fingerprint ?? "?") expired on \(expired.expires ?? "?") and no longer applies"
        }
        let gate = Gate.evaluate(policy: gatePolicy, findings: comparison.new, scannerRuns: comparison.runs)
        var report = ChangeReport(
            target: setup.targetName, base: .init(ref: request.base, commit: baseCommit),
            head: .init(ref: request.staged ? ChangeReport.Side.staged : request.head, commit: headCommit),
            full: request.full, changedFiles: changes.count, scannerRuns: comparison.runs, new: comparison.new, fixed: comparison.fixed,
            unchanged: request.full ? comparison.unchanged : [], unchangedCount: comparison.unchanged.count, gate: gate, notes: notes)
        report.changedLines = try await repository.changedLines(base: baseCommit, head: headCommit, staged: request.staged, changes: changes)
        return report
    }

    /// The base path a change needs read: every change but an addition (a copy's source is unchanged).
    static func baseReadPath(_ change: GitChange) -> String? {
        switch change.kind {
        case .added, .copied: nil
        default: change.basePath
        }
    }

    /// Moves the checked-out base files into `root`, a renamed file to its head path.
    static func placeBase(from checkout: String, into root: String, changes: [GitChange]) throws(PipelineError) {
        let manager = FileManager.default
        do {
            try manager.moveItem(atPath: checkout, toPath: root)
            for change in changes where change.kind == .renamed {
                guard let from = change.basePath, let to = change.headPath, manager.fileExists(atPath: root + "/" + from),
                      !manager.fileExists(atPath: root + "/" + to) else { continue }
                try manager.createDirectory(atPath: (root + "/" + to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try manager.moveItem(atPath: root + "/" + from, toPath: root + "/" + to)
            }
        } catch {
            throw .git("cannot prepare the base's files in \(root): \(error.localizedDescription)")
        }
    }

    /// Copies the work tree's changed files (regular files only; a deleted one is skipped) into `root`.
    static func copyWorkTreeFiles(_ paths: [String], from source: String, into root: String) throws(PipelineError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
            for path in paths {
                // attributesOfItem does not follow a symbolic link, so a link is skipped like the tree walk skips it.
                guard let attributes = try? manager.attributesOfItem(atPath: source + "/" + path),
                      attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                try manager.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try manager.copyItem(atPath: source + "/" + path, toPath: root + "/" + path)
            }
        } catch {
            throw .git("cannot copy the work tree's changed files: \(error.localizedDescription)")
        }
    }

    static func resolved(_ path: String) throws(PipelineError) -> String {
        do {
            return try TreeWalker.resolveRoot(path)
        } catch {
            throw .target(error.description)
        }
    }
}

/// The two sides' findings compared by fingerprint.
struct DiffComparison {
    var new: [Finding] = []
    var fixed: [Finding] = []
    var unchanged: [Finding] = []
    /// The head's scanner runs, with a run that failed on the base side marked failed.
    var runs: [ScannerRun]
    var notes: [String] = []

    /// A scanner that did not complete on one side cannot say what changed: its findings are compared on
    /// neither side, and its run counts as failed (so `--fail-on-scanner-error` sees it).
    init(base: [Finding], head: [Finding], baseRuns: [ScannerRun], headRuns: [ScannerRun]) {
        var runs = headRuns
        var incomplete: Set<String> = []
        for (index, run) in runs.enumerated() {
            guard let baseRun = baseRuns.first(where: { $0.scanner == run.scanner }) else { continue }
            if run.status != .ran { incomplete.insert(run.scanner) }
            if baseRun.status != .ran {
                incomplete.insert(run.scanner)
                if baseRun.isError, !run.isError {
                    runs[index].status = baseRun.status
                    runs[index].error = "on the base: " + (baseRun.error ?? baseRun.status.rawValue)
                }
            }
        }
        self.runs = runs
        for scanner in incomplete.sorted() where runs.contains(where: { $0.scanner == scanner && $0.status != .skipped }) {
            notes.append("\(scanner): did not complete on both sides, so its findings are not compared")
        }
        let baseFingerprints = Set(base.lazy.filter { !incomplete.contains($0.scanner) }.map(\.fingerprint))
        let headFingerprints = Set(head.lazy.filter { !incomplete.contains($0.scanner) }.map(\.fingerprint))
        for var finding in head where !incomplete.contains(finding.scanner) {
            if baseFingerprints.contains(finding.fingerprint) {
                finding.change = .unchanged
                unchanged.append(finding)
            } else {
                finding.change = .new
                new.append(finding)
            }
        }
        for var finding in base where !incomplete.contains(finding.scanner) && !headFingerprints.contains(finding.fingerprint) {
            finding.change = .fixed
            fixed.append(finding)
        }
        new = new.canonicallySorted()
        fixed = fixed.canonicallySorted()
        unchanged = unchanged.canonicallySorted()
    }
}

extension Pipeline {
    /// The installed git, for `securescan status`: its version and whether `diff` can use it.
    public static func gitStatus() async -> (version: String?, usable: Bool) {
        guard let version = await GitRepository.version() else { return (nil, false) }
        return (version, GitRepository.isRecent(version))
    }
}
