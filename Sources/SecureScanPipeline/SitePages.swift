import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

/// The artifact site's index pages, rendered from the stored runs: the overview of every target and the
/// page of one target listing its runs and their artifact files. Where the files are (a folder, or the
/// store itself) is `artifactNames`'s business.
public struct SitePages {
    public let templates: TemplateLibrary
    /// The artifact file names of each of the given runs (target, run id), by run id.
    let artifactNames: ([(target: String, runID: String)]) throws -> [String: [String]]

    /// Runs per target listed on its page (the sparkline uses the newest 30).
    public static let runLimit = 500

    init(templates: TemplateLibrary, artifactNames: @escaping ([(target: String, runID: String)]) throws -> [String: [String]]) {
        self.templates = templates
        self.artifactNames = artifactNames
    }

    /// Pages over the artifacts the store itself keeps (a shared store's site, served by any replica).
    public static func stored(in store: Store, templates: TemplateLibrary) -> SitePages {
        SitePages(templates: templates) { runs in try store.artifactNames(runIDs: runs.map(\.runID)) }
    }

    /// The page of `target` (nil when it has no runs) and, with `overview`, the index of every target.
    /// The runs come from one query (a store shared over the network answers each in a round trip).
    public func render(store: Store, target changed: String?, overview: Bool) throws -> (target: Data?, overview: Data?) {
        let names = overview ? try store.targets().map(\.name) : changed.map { [$0] } ?? []
        let recent = try store.recentRuns(perTarget: 30, target: changed ?? "", targetLimit: Self.runLimit, only: overview ? nil : changed)
        // The changed target's page links every run's artifacts; the overview needs other targets' latest
        // run only (its report link) and their recent risk for the sparkline, so their folders are not listed.
        var listed: [(target: String, runID: String)] = []
        for name in names {
            let runs = recent[name] ?? []
            listed += (name == changed ? runs : Array(runs.prefix(1))).map { (name, $0.id) }
        }
        let files = try artifactNames(listed)
        let targets = names.map { name in
            SiteIndex.Target(name: name, directory: name, runs: (recent[name] ?? []).map { run in
                SiteIndex.Run(
                    runID: run.id, finishedAt: run.finishedAt, commit: run.commit, counts: run.counts, riskScore: run.riskScore,
                    passed: run.gate.passed, diff: run.diff, artifacts: files[run.id] ?? [])
            })
        }
        let page = try targets.first(where: { $0.name == changed }).map { try SiteIndex.target($0, templates: templates) }
        return (page, overview ? try SiteIndex.overview(targets, templates: templates) : nil)
    }
}
