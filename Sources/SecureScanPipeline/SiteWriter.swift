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

    /// Writes the changed target's page and, with `overview`, the index of every target.
    func refresh(store: Store, target changed: String?, overview: Bool = true) throws {
        let root = outputRoot
        let pages = SitePages(templates: templates) { runs in
            var names: [String: [String]] = [:]
            for run in runs {
                let directory = root.appendingPathComponent(run.target).appendingPathComponent(run.runID)
                names[run.runID] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            }
            return names
        }
        let (page, index) = try pages.render(store: store, target: changed, overview: overview)
        if let changed, let page { try write(page, to: outputRoot.appendingPathComponent(changed).appendingPathComponent("index.html")) }
        if let index { try write(index, to: outputRoot.appendingPathComponent("index.html")) }
    }

    private func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
