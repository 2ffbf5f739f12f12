import Foundation

/// Writes a run's artifact set so that readers only ever see a complete directory.
///
/// Files go to `<root>/<target>/.partial-<run>/` first (each written atomically), and the directory is
/// renamed to `<root>/<target>/<run>/` once the run is stored. A `latest` link then points at it.
struct ArtifactWriter: Sendable {
    let outputRoot: URL

    func targetDirectory(_ target: String) -> URL { outputRoot.appendingPathComponent(target, isDirectory: true) }

    /// Writes `files` into a fresh staging directory and returns it.
    func stage(target: String, runID: String, files: [(name: String, data: Data)]) throws(PipelineError) -> URL {
        let staging = targetDirectory(target).appendingPathComponent(".partial-\(runID)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                try file.data.write(to: staging.appendingPathComponent(file.name), options: .atomic)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
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
        let link = targetDirectory(target).appendingPathComponent("latest")
        let temporaryLink = targetDirectory(target).appendingPathComponent(".latest-\(runID)")
        // A relative link survives moving the output root; rename() replaces the old link atomically.
        if (try? FileManager.default.createSymbolicLink(atPath: temporaryLink.path, withDestinationPath: runID)) != nil {
            if rename(temporaryLink.path, link.path) != 0 { try? FileManager.default.removeItem(at: temporaryLink) }
        }
        return final
    }

    func discard(_ staging: URL) { try? FileManager.default.removeItem(at: staging) }
}
