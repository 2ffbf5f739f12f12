import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners
import SecureScanStore

/// Whether a run may stand on the target's previous run instead of scanning.
public enum ReusePolicy: Sendable, Hashable {
    /// Always scan (`securescan scan`, `batch --force`).
    case never
    /// Reuse the previous run when nothing it depends on changed (`securescan batch`).
    case ifUnchanged
}

/// A configuration the caller already loaded (a batch entry), with the digest that identifies it.
public struct ProvidedConfig: Sendable {
    public var config: ScanConfig
    public var digest: String
    /// Where it came from, for messages (`audits.yml: targets[3]`).
    public var origin: String

    public init(config: ScanConfig, digest: String, origin: String) {
        self.config = config
        self.digest = digest
        self.origin = origin
    }
}

/// What a run takes over from the previous run when only the vulnerability database changed: the results
/// of every scanner that does not read the database.
struct ReusedResults: Sendable {
    var runID: String
    var scannerRuns: [ScannerRun]
    var findings: [Finding]
    var components: [Component]

    /// The previous run's results, except those of `rerun`. Findings come back as the scanners reported
    /// them: policy, suppressions and the diff are applied again.
    init(report: RunReport, rerun: Set<String>) {
        runID = report.runID
        scannerRuns = report.scannerRuns.filter { !rerun.contains($0.scanner) }.map { run in
            var run = run
            run.notes.append("results reused from run \(report.runID): the tree, config and scanner are unchanged")
            return run
        }
        findings = report.findings.filter { !$0.reportedBy.contains(where: rerun.contains) }.map { finding in
            var finding = finding
            if let original = finding.originalSeverity { finding.severity = original }
            finding.originalSeverity = nil
            finding.suppression = nil
            finding.change = nil
            return finding
        }
        components = report.components
    }

    /// The scanners of `selected` whose results are not reused: those that run again.
    func remaining(_ selected: [any ScannerAdapter]) -> [any ScannerAdapter] {
        selected.filter { scanner in !scannerRuns.contains { $0.scanner == scanner.id } }
    }
}

/// How much of a target's previous run a new run may stand on.
enum ReuseDecision: Sendable {
    /// Nothing changed: the previous run stands for this one.
    case standIn(ReusableRun)
    /// Only the vulnerability database changed: the scanners that read it run again, the rest is reused.
    case rerun(ReusedResults)
    case scanAll
}

extension Pipeline {
    /// What a run's results depend on, apart from the vulnerability database: the tree's state, the
    /// commit, the config, the target name, each scanner's id and version (or unavailability), the
    /// artifact formats and the extra excludes.
    static func reuseKey(tree: TargetTree, commit: String?, configDigest: String, target: String,
                         availability: [String: ScannerAvailability], formats: [String], request: ScanRequest) -> String {
        var parts = ["reuse1", target, tree.stateDigest, commit ?? "-", configDigest, ToolInfo.current.version]
        for (id, state) in availability.sorted(by: { $0.key < $1.key }) {
            switch state {
            case .available(let version): parts.append("\(id)=\(version)")
            case .unavailable(let reason, _): parts.append("\(id)!\(reason)")
            }
        }
        parts += ["formats:" + formats.sorted().joined(separator: ","), "exclude:" + request.excludes.joined(separator: ","),
                  "cyclonedx:" + request.cycloneDXVersion.rawValue, "templates:" + (request.templatesDirectory ?? ""),
                  "gate:\(request.gate.failOn?.rawValue ?? "-"),\(request.gate.failOnNew?.rawValue ?? "-"),\(request.gate.maxFindings.map(String.init) ?? "-"),\(request.gate.failOnScannerError)"
                      + (request.gate.maxNew.map { ",max-new:\($0)" } ?? "") + (request.gate.allowInlineSuppressions ? "" : ",no-inline")]
        return ContentDigest.sha256(parts.joined(separator: "\u{0}"))
    }

    /// Every selected scanner's availability, asked once per run.
    static func availabilities(_ scanners: [any ScannerAdapter]) async -> [String: ScannerAvailability] {
        await withTaskGroup(of: (String, ScannerAvailability).self) { group in
            for scanner in scanners { group.addTask { (scanner.id, await scanner.availability()) } }
            var result: [String: ScannerAvailability] = [:]
            for await (id, state) in group { result[id] = state }
            return result
        }
    }
}

extension Pipeline {
    /// Whether the target's last run may stand for this one, in whole or in part (``ReusePolicy/ifUnchanged``).
    func reuseDecision(_ request: ScanRequest, setup: RunSetup, storage: RunStorage, reuseKey: String,
                       advisoryDigest: String?) throws(PipelineError) -> ReuseDecision {
        guard request.reuse == .ifUnchanged, setup.scanners.allSatisfy(\.reusesResults), let last = try? storage.store.lastRun(target: setup.targetName),
              last.reuseKey == reuseKey else { return .scanAll }
        let databaseScanners = Set(setup.scanners.filter(\.usesVulnerabilityDatabase).map(\.id))
        let databaseUsed = last.vulnerabilityDatabaseDigest != nil || advisoryDigest != nil
        if databaseScanners.isEmpty || !databaseUsed || last.vulnerabilityDatabaseDigest == advisoryDigest {
            return .standIn(last)
        }
        do {
            return .rerun(ReusedResults(report: try storage.store.report(runID: last.summary.id), rerun: databaseScanners))
        } catch {
            throw .store(error)
        }
    }

    /// Records a reused scan and answers with the previous run's report: nothing scanned, nothing written.
    func reuse(_ last: ReusableRun, scanID: String, setup: RunSetup, storage: RunStorage,
               request: ScanRequest) throws(PipelineError) -> ScanOutcome {
        let report: RunReport
        do {
            report = try storage.store.report(runID: last.summary.id)
            try storage.store.recordReusedScan(id: scanID, reusing: last, targetPath: setup.root, origin: request.origin,
                                               at: Pipeline.timestamp(now()), batch: request.batch)
        } catch {
            throw .store(error)
        }
        var outcome = ScanOutcome(report: report, artifactsDirectory: last.summary.artifactsDirectory ?? "",
                                  database: storage.database, configFile: setup.configFile,
                                  notes: ["nothing changed since run \(last.summary.id); it stands for this one"])
        outcome.webhookPolicy = WebhookTargetPolicy(allowedNetworks: setup.config.webhookAllowedNetworks)
        outcome.reusedRunID = last.summary.id
        outcome.scanID = scanID
        return outcome
    }
}
