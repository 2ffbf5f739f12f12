import Foundation
import SecureScanReports
import SecureScanStore

extension Pipeline {
    /// Removes a deleted run's artifact directory, points the target's `latest` link at its newest
    /// remaining run (or removes the link), and regenerates the site pages. The directory is renamed to a
    /// hidden name first, so the site never serves half of it.
    public static func removeRun(directory: String, target: String, store: Store, outputRoot: String, templates: TemplateLibrary?) throws {
        let url = URL(fileURLWithPath: directory)
        let trash = url.deletingLastPathComponent().appendingPathComponent(".partial-deleted-\(url.lastPathComponent)")
        if FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.moveItem(at: url, to: trash)
            try FileManager.default.removeItem(at: trash)
        }
        let root = URL(fileURLWithPath: outputRoot)
        let targetDirectory = root.appendingPathComponent(target)
        let link = targetDirectory.appendingPathComponent("latest")
        if let newest = try store.runs(target: target, limit: 1).first,
           let newestDirectory = newest.artifactsDirectory.map({ URL(fileURLWithPath: $0).lastPathComponent }) {
            let temporary = targetDirectory.appendingPathComponent(".latest-\(newest.id)")
            try? FileManager.default.removeItem(at: temporary)
            try FileManager.default.createSymbolicLink(atPath: temporary.path, withDestinationPath: newestDirectory)
            if rename(temporary.path, link.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } else {
            try? FileManager.default.removeItem(at: link)
        }
        if let templates { try SiteWriter(outputRoot: root, templates: templates).refresh(store: store, target: target) }
    }
}
