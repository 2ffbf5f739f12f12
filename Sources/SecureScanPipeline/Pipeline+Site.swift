import Foundation
import SecureScanReports
import SecureScanStore

extension Pipeline {
    /// The artifact root (created if missing) and the database path (default `<root>/securescan.db`).
    static func prepareOutput(_ root: String, database: StoreLocation?) throws(PipelineError) -> (URL, StoreLocation) {
        let outputRoot = URL(fileURLWithPath: root).standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: outputRoot, withIntermediateDirectories: true)
        } catch {
            throw .artifacts(path: outputRoot.path, reason: (error as NSError).localizedDescription)
        }
        return (outputRoot, database ?? .sqlite(path: outputRoot.appendingPathComponent("securescan.db").path))
    }

    /// Removes a deleted run's artifact directory, points the target's `latest` link at its newest
    /// remaining run (or removes the link), and regenerates the site pages. The directory is renamed to a
    /// hidden name first, so the site never serves half of it.
    public static func removeRun(directory: String, target: String, store: Store, outputRoot: String, templates: TemplateLibrary?) throws {
        try removeDirectory(directory)
        try republish(target: target, store: store, outputRoot: outputRoot, templates: templates)
    }

    /// `securescan prune --keep N`: all but each target's newest `keep` runs deleted from the store, then
    /// their folders, then the site pages. Returns the number of runs removed per target.
    public static func prune(outputRoot: String, database: StoreLocation, keep: Int, target: String?, executablePath: String) async throws -> [String: Int] {
        let store: Store
        do {
            store = try Store.open(database)
        } catch {
            throw PipelineError.store(error)
        }
        let names = try target.map { [$0] } ?? store.targets().map(\.name)
        let templates = try? await Pipeline(executablePath: executablePath).loadTemplates(nil)
        var removed: [String: Int] = [:]
        for name in names {
            let directories = try store.pruneRuns(target: name, keep: keep)
            for directory in directories { try removeDirectory(directory) }
            removed[name] = directories.count
            if !directories.isEmpty { try republish(target: name, store: store, outputRoot: outputRoot, templates: templates) }
        }
        return removed
    }

    /// A run folder, renamed to a hidden name first so the site never serves half of it.
    static func removeDirectory(_ directory: String) throws {
        let url = URL(fileURLWithPath: directory)
        let trash = url.deletingLastPathComponent().appendingPathComponent(".partial-deleted-\(url.lastPathComponent)")
        if FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.moveItem(at: url, to: trash)
            try FileManager.default.removeItem(at: trash)
        }
    }

    /// `latest` pointed at the target's newest run (or removed), and the site pages regenerated.
    static func republish(target: String, store: Store, outputRoot: String, templates: TemplateLibrary?) throws {
        let root = URL(fileURLWithPath: outputRoot)
        let newest = try store.runs(target: target, limit: 1).first
        try ArtifactWriter(outputRoot: root).pointLatest(
            target: target, at: newest?.artifactsDirectory.map { URL(fileURLWithPath: $0).lastPathComponent })
        if let templates { try SiteWriter(outputRoot: root, templates: templates).refresh(store: store, target: target) }
    }
}
