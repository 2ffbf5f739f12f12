import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

/// `securescan export`: runs' artifact folders written out of the store, as `scan` wrote them, for a
/// host that did not scan them (a shared store keeps every run's files; a local store's runs are copied
/// from their own folders). Every file is checked against its SHA-256 as it is written, and every
/// exported folder against its `manifest.json`, as `securescan verify` does.
public struct ArtifactExport: Sendable {
    /// What one exported run folder holds.
    public struct ExportedRun: Sendable, Codable {
        public var target: String
        public var runID: String
        public var directory: String
        public var files: Int
        public var bytes: Int
        /// Problems `verify` finds in the written folder (none when it is as its manifest lists).
        public var problems: [String]
    }

    /// What an export wrote, and the runs it could not (no artifacts kept and no folder on this host).
    public struct Summary: Sendable, Codable {
        public var runs: [ExportedRun] = []
        public var skipped: [String] = []
        public var passed: Bool { runs.allSatisfy(\.problems.isEmpty) }

        public init(runs: [ExportedRun] = [], skipped: [String] = []) {
            self.runs = runs
            self.skipped = skipped
        }
    }

    public let store: Store

    public init(store: Store) { self.store = store }

    /// Writes run `runID`'s files into `directory` (made if missing; it must hold nothing).
    public func run(_ runID: String, to directory: URL) throws(PipelineError) -> ExportedRun {
        let run: RunSummary
        do { run = try store.run(id: runID) } catch { throw .store(error) }
        try Self.prepare(directory)
        guard let written = try write(run, into: directory) else {
            throw .artifacts(path: directory.path, reason: "the store keeps no artifacts of run \(runID), and its folder \(run.artifactsDirectory ?? "(none)") is not on this host")
        }
        return written
    }

    /// Writes the artifact site into `directory` (made if missing; it must hold nothing): each target's
    /// newest `runsPerTarget` runs (all with nil) under `<target>/<run>/`, a `latest` link to the newest,
    /// and the index pages, as `scan` keeps them in its output folder.
    public func site(to directory: URL, templates: TemplateLibrary, runsPerTarget: Int?) throws(PipelineError) -> Summary {
        try Self.prepare(directory)
        var summary = Summary()
        let targets: [String]
        do { targets = try store.targets().map(\.name) } catch { throw .store(error) }
        for target in targets {
            let runs: [RunSummary]
            do { runs = try store.runs(target: target, limit: runsPerTarget ?? Int(Int32.max)) } catch { throw .store(error) }
            var newest: String?
            for run in runs {
                let folder = directory.appendingPathComponent(target).appendingPathComponent(run.id)
                if let written = try write(run, into: folder) {
                    summary.runs.append(written)
                    if newest == nil { newest = run.id }
                } else {
                    summary.skipped.append("\(target)/\(run.id)")
                }
            }
            if let newest { try ArtifactWriter(outputRoot: directory).pointLatest(target: target, at: newest) }
        }
        do {
            try SiteWriter(outputRoot: directory, templates: templates).refresh(store: store, target: nil, overview: true)
            for target in targets where FileManager.default.fileExists(atPath: directory.appendingPathComponent(target).path) {
                try SiteWriter(outputRoot: directory, templates: templates).refresh(store: store, target: target, overview: false)
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .artifacts(path: directory.path, reason: "the index pages: \(error)")
        }
        return summary
    }

    /// Writes one run's files into `folder` from the store's blobs, or from the run's own folder on
    /// this host; nil when there are neither.
    private func write(_ run: RunSummary, into folder: URL) throws(PipelineError) -> ExportedRun? {
        let kept: [StoredArtifact]
        do { kept = try store.artifacts(runID: run.id) } catch { throw .store(error) }
        let local = run.artifactsDirectory.map { URL(fileURLWithPath: $0) }
        let localFiles = local.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) }?.filter { !$0.hasPrefix(".") }.sorted() ?? []
        guard !kept.isEmpty || !localFiles.isEmpty else { return nil }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .artifacts(path: folder.path, reason: (error as NSError).localizedDescription)
        }
        var bytes = 0
        if !kept.isEmpty {
            for artifact in kept {
                guard Self.isPlainName(artifact.name) else { throw .artifacts(path: folder.path, reason: "the store names an artifact '\(artifact.name)'") }
                do { try store.writeArtifact(artifact, to: folder.appendingPathComponent(artifact.name)) } catch { throw .store(error) }
                bytes += artifact.size
            }
        } else if let local {
            for name in localFiles {
                let source = local.appendingPathComponent(name)
                do {
                    try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
                    bytes += (try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int) ?? 0
                } catch {
                    throw .artifacts(path: folder.appendingPathComponent(name).path, reason: (error as NSError).localizedDescription)
                }
            }
        }
        let verification = RunVerification.check(directory: folder.path, publicKey: nil)
        return ExportedRun(target: run.target, runID: run.id, directory: folder.path, files: kept.isEmpty ? localFiles.count : kept.count,
                           bytes: bytes, problems: verification.problems.map(\.description))
    }

    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\") && !name.contains("\0")
    }

    /// Makes `directory`, refusing one that holds anything: an export never mixes with other files.
    private static func prepare(_ directory: URL) throws(PipelineError) {
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: directory.path), !existing.isEmpty {
            throw .artifacts(path: directory.path, reason: "not empty (\(existing.count) entr\(existing.count == 1 ? "y" : "ies")); export into a new or empty folder")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .artifacts(path: directory.path, reason: (error as NSError).localizedDescription)
        }
    }
}
