import Foundation
import SecureScanCore
import SecureScanScanners
import SecureScanStore

extension Pipeline {
    /// One scanner's outcome: its run record and what it observed.
    struct ScannerResult: Sendable {
        var run: ScannerRun
        var observations: Observations
    }

    /// Runs the selected scanners whose results are not reused, concurrently, each under its time limit.
    /// A scanner that is unavailable, throws, or runs out of time becomes a skipped, failed or timed-out
    /// run; the others are unaffected.
    func runScanners(_ setup: RunSetup, tree: TargetTree, advisories: AdvisoryAccess?, skipping reused: ReusedResults?,
                     availability: [String: ScannerAvailability], journal: EventJournal) async -> [ScannerResult] {
        var target = ScanTarget(name: setup.targetName, root: setup.root, tree: tree, advisories: advisories?.store,
                                licensePolicy: setup.config.licenses)
        target.memoryLimits = setup.config.scannerMemoryLimits
        target.defaultMemoryLimit = setup.config.memoryLimit
        target.options = setup.config.scannerOptions
        let toRun = reused?.remaining(setup.scanners) ?? setup.scanners
        journal.record(ScanEvent(.scanStart, [
            "target": .string(setup.targetName), "scanner_count": .int(setup.scanners.count),
            "scanners": .strings(setup.scanners.map(\.id)), "files": .int(tree.files.count),
        ], at: Pipeline.timestamp(now())))
        return await withTaskGroup(of: (Int, ScannerResult).self) { [target] group in
            for (index, scanner) in toRun.enumerated() {
                group.addTask {
                    let result = await runOne(scanner, on: target, seconds: setup.config.timeout(for: scanner.id),
                                              availability: availability[scanner.id], journal: journal)
                    progress(.scannerFinished(result.run))
                    journal.record(ScanEvent.scannerFinished(result.run, at: Pipeline.timestamp(now())))
                    return (index, result)
                }
            }
            var results: [(Int, ScannerResult)] = []
            for await result in group { results.append(result) }
            return Pipeline.withoutRepeatedHistorySecrets(results.sorted { $0.0 < $1.0 }.map(\.1))
        }
    }

    /// A secret the work tree still holds is reported by the tree's scanner, at its current place; its
    /// occurrence in history is dropped, so one value is one finding. What is left in history is what
    /// the tree no longer shows.
    static func withoutRepeatedHistorySecrets(_ results: [ScannerResult]) -> [ScannerResult] {
        guard let history = results.firstIndex(where: { $0.run.scanner == GitHistoryScanner.scannerID && $0.run.status == .ran }) else { return results }
        var inTree: Set<String> = []
        for result in results where result.run.status == .ran {
            for draft in result.observations.findings {
                if case .secret(let digest) = draft.identity { inTree.insert(draft.ruleID + "\u{0}" + digest) }
            }
        }
        var results = results
        let before = results[history].observations.findings.count
        results[history].observations.findings.removeAll { draft in
            guard case .historySecret(let digest) = draft.identity else { return false }
            return inTree.contains(draft.ruleID + "\u{0}" + digest)
        }
        let dropped = before - results[history].observations.findings.count
        if dropped > 0 {
            results[history].run.findingCount = results[history].observations.findings.count
            results[history].run.notes.append("\(dropped) secret\(dropped == 1 ? "" : "s") also in the work tree reported by secrets only")
        }
        return results
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
                                findingCount: observations.findings.count, durationMilliseconds: elapsed(),
                                notes: (observations.skippedNote.map { [$0] } ?? []) + observations.notes, skippedEntries: observations.skipped.count),
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
            return ScannerResult(
                run: ScannerRun(scanner: scanner.id, scanType: scanner.scanType, status: .failed, version: version,
                                error: String(describing: error), durationMilliseconds: elapsed()),
                observations: Observations())
        }
    }

    /// The scanners' observations as the run's findings and components: each scanner's text scrubbed of the
    /// secrets the others found (a scanner redacts its own), fingerprinted, joined with reused results and
    /// merged, and each package listed once however many catalogers found it.
    static func collect(_ results: [ScannerResult], reused: ReusedResults?, target: String) -> CollectedResults {
        var findings: [Finding] = []
        var components: [Component] = []
        let secrets = results.map(\.observations.sensitiveValues)
        for (index, result) in results.enumerated() where result.run.status == .ran {
            let redactor = Redactor(values: secrets.enumerated().filter { $0.offset != index }.flatMap(\.element))
            findings += Fingerprinter.findings(
                from: result.observations.findings, scanner: result.run.scanner, scanType: result.run.scanType,
                target: target).map(redactor.scrub)
            components += result.observations.components
        }
        if let reused {
            findings += reused.findings
            components += reused.components
        }
        var seen: Set<String> = []
        components = components.filter { component in
            let key = component.purl.isEmpty ? "\(component.ecosystem)/\(component.name)@\(component.version)" : component.purl
            return seen.insert(key + "\u{0}" + component.manifestPath).inserted
        }
        return CollectedResults(findings: FindingMerge.deduplicated(findings), components: components)
    }
}
