import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

/// Regenerates the static artifact site after a run: `index.html` at the output root and the run list of
/// the target that just ran. Each page is written to a temporary file and renamed into place, so a
/// browser or `securescan serve` never reads half a page.
struct SiteWriter {
    let outputRoot: URL
    let templates: TemplateLibrary
    /// Runs per target listed on its page (the sparkline uses the newest 30).
    static let runLimit = 500

    /// Writes the changed target's page and, with `overview`, the index of every target. The runs come
    /// from one query (a store shared over the network answers each query in a round trip).
    func refresh(store: Store, target changed: String, overview: Bool = true) throws {
        let names = overview ? try store.targets().map(\.name) : [changed]
        let recent = try store.recentRuns(perTarget: 30, target: changed, targetLimit: Self.runLimit, only: overview ? nil : changed)
        var targets: [SiteIndex.Target] = []
        for name in names {
            // The changed target's page links every run's artifacts; the overview needs other targets' latest
            // run only (its report link) and their recent risk for the sparkline, so their folders are not listed.
            let listsEveryRun = name == changed
            let runs = recent[name] ?? []
            targets.append(SiteIndex.Target(name: name, directory: name, runs: runs.enumerated().map { index, run in
                SiteIndex.Run(
                    runID: run.id, finishedAt: run.finishedAt, commit: run.commit, counts: run.counts, riskScore: run.riskScore,
                    passed: run.gate.passed, diff: run.diff,
                    artifacts: listsEveryRun || index == 0 ? artifacts(target: name, runID: run.id) : [])
            }))
        }
        if let target = targets.first(where: { $0.name == changed }) {
            try write(SiteIndex.target(target, templates: templates), to: outputRoot.appendingPathComponent(changed).appendingPathComponent("index.html"))
        }
        if overview { try write(SiteIndex.overview(targets, templates: templates), to: outputRoot.appendingPathComponent("index.html")) }
    }

    private func artifacts(target: String, runID: String) -> [String] {
        let directory = outputRoot.appendingPathComponent(target).appendingPathComponent(runID)
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    private func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
