import Foundation
import SecureScanStore

/// Writes a run's artifact set so that readers only ever see a complete directory.
///
/// Files go to `<root>/<target>/.partial-<run>/` first (each written atomically), and the directory is
/// renamed to `<root>/<target>/<run>/` once the run is stored. A `latest` link then points at it.
struct ArtifactWriter: Sendable {
    let outputRoot: URL

    func targetDirectory(_ target: String) -> URL { outputRoot.appendingPathComponent(target, isDirectory: true) }

    /// A fresh, empty staging directory for one run: formats stream their files into it.
    func makeStaging(target: String, runID: String) throws(PipelineError) -> URL {
        let staging = targetDirectory(target).appendingPathComponent(".partial-\(runID)", isDirectory: true)
        do {
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .artifacts(path: staging.path, reason: (error as NSError).localizedDescription)
        }
        return staging
    }

    /// Moves a staged directory into place and points `latest` at it.
    func publish(_ staging: URL, target: String, runID: String) throws(PipelineError) -> URL {
        let final = targetDirectory(target).appendingPathComponent(runID, isDirectory: true)
        do {
            try FileManager.default.moveItem(at: staging, to: final)
        } catch {
            throw .artifacts(path: final.path, reason: (error as NSError).localizedDescription)
        }
        // The run is stored and its folder in place: a `latest` link that cannot be updated does not undo that.
        try? pointLatest(target: target, at: runID)
        return final
    }

    /// Points the target's `latest` link at its run folder `name`, or removes the link when `name` is nil.
    /// The link is relative, so it survives moving the output root, and is replaced atomically (`rename`),
    /// so a reader sees the old run or the new one, never none.
    func pointLatest(target: String, at name: String?) throws(PipelineError) {
        let link = targetDirectory(target).appendingPathComponent("latest")
        guard let name else {
            try? FileManager.default.removeItem(at: link)
            return
        }
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != name else { return }
        let temporary = targetDirectory(target).appendingPathComponent(".latest-\(name)")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try FileManager.default.createSymbolicLink(atPath: temporary.path, withDestinationPath: name)
        } catch {
            throw .artifacts(path: link.path, reason: (error as NSError).localizedDescription)
        }
        guard rename(temporary.path, link.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .artifacts(path: link.path, reason: reason)
        }
    }

    func discard(_ staging: URL) { try? FileManager.default.removeItem(at: staging) }
}

extension ArtifactWriter {
    /// Puts a target's folder in order after a process died in the middle of a run: a staged run that the
    /// database holds is published (it was complete before the save), any other staged or half-deleted
    /// folder is removed, and `latest` names the newest stored run. Returns what it did, for the notes.
    func recover(target: String, store: Store) -> [String] {
        let directory = targetDirectory(target)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var notes: [String] = []
        for name in names.sorted() where name.hasPrefix(".partial-") || name.hasPrefix(".latest-") {
            let url = directory.appendingPathComponent(name)
            let runID = String(name.dropFirst(".partial-".count))
            if name.hasPrefix(".partial-"), !name.hasPrefix(".partial-deleted-"), (try? store.run(id: runID)) != nil,
               !FileManager.default.fileExists(atPath: directory.appendingPathComponent(runID).path) {
                if (try? FileManager.default.moveItem(at: url, to: directory.appendingPathComponent(runID))) != nil {
                    notes.append("\(target): published run \(runID), stored before an interruption")
                }
            } else {
                try? FileManager.default.removeItem(at: url)
                if name.hasPrefix(".partial-") && !name.hasPrefix(".partial-deleted-") {
                    notes.append("\(target): removed the unfinished run \(runID) an interruption left")
                }
            }
        }
        if let newest = try? store.runs(target: target, limit: 1).first,
           FileManager.default.fileExists(atPath: directory.appendingPathComponent(newest.id).path) {
            try? pointLatest(target: target, at: newest.id)
        }
        return notes
    }
}
