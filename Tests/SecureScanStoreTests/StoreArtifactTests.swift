import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanStore

/// Artifact files kept in the store: content-addressed, chunked, read back byte for byte, deleted with the
/// last run that refers to them.
@Suite struct StoreArtifactTests {
    /// A run folder: a 600,000-byte file (three chunks), a file shared with the other run, one of its own.
    static func folder(_ name: String, own: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securescan-artifacts-\(UUID().uuidString)/\(name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var large = [UInt8](repeating: 0, count: 600_000)
        for index in large.indices { large[index] = UInt8(truncatingIfNeeded: index &* 31 &+ own.count) }
        try Data(large).write(to: directory.appendingPathComponent("report.pdf"))
        try Data("same in both runs\n".utf8).write(to: directory.appendingPathComponent("sbom.cdx.json"))
        try Data(own.utf8).write(to: directory.appendingPathComponent("findings.json"))
        try Data().write(to: directory.appendingPathComponent("empty.txt"))
        try Data("hidden".utf8).write(to: directory.appendingPathComponent(".partial-note"))
        return directory
    }

    func count(_ store: Store, _ table: String) throws -> Int {
        try store.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test func aSharedStoreKeepsEachRunsFilesOnceByContent() throws {
        let store = try StoreBackend.postgres.makeStore()
        defer { store.close() }
        #expect(store.keepsArtifacts)
        let firstFolder = try Self.folder("first", own: "first run")
        let secondFolder = try Self.folder("second", own: "second run, longer")
        defer {
            try? FileManager.default.removeItem(at: firstFolder.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: secondFolder.deletingLastPathComponent())
        }
        let first = RunReport.sample(runID: "first")
        try store.save(first, targetPath: "/src/demo", artifactsDirectory: "/elsewhere/first", artifacts: firstFolder)
        var second = RunReport.sample(runID: "second", previous: first.findings)
        second.baseRunID = "first"
        try store.save(second, targetPath: "/src/demo", artifactsDirectory: "/elsewhere/second", artifacts: secondFolder)

        let kept = try store.artifacts(runID: "first")
        #expect(kept.map(\.name) == ["empty.txt", "findings.json", "report.pdf", "sbom.cdx.json"])
        #expect(kept.first { $0.name == "report.pdf" }?.size == 600_000)
        // The shared SBOM and the empty file once; each run's own findings and PDF once each.
        #expect(try count(store, "artifact_blobs") == 6)
        #expect(try count(store, "artifact_chunks") == 2 * 3 + 4)
        #expect(try store.artifactNames(runIDs: ["first", "second", "none"]) == [
            "first": ["empty.txt", "findings.json", "report.pdf", "sbom.cdx.json"],
            "second": ["empty.txt", "findings.json", "report.pdf", "sbom.cdx.json"]])

        // Read back byte for byte (and the digest checked as it is written).
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("securescan-readback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        for artifact in try store.artifacts(runID: "second") {
            try store.writeArtifact(artifact, to: out.appendingPathComponent(artifact.name))
            #expect(try Data(contentsOf: out.appendingPathComponent(artifact.name)) == Data(contentsOf: secondFolder.appendingPathComponent(artifact.name)))
        }
        let forged = StoredArtifact(name: "findings.json", digest: kept.first { $0.name == "sbom.cdx.json" }!.digest, size: 3)
        #expect(throws: StoreError.self) { try store.writeArtifact(forged, to: out.appendingPathComponent("forged")) }

        // Pruning the first run deletes its own blobs and keeps those the second still has.
        _ = try store.pruneRuns(target: "demo", keep: 1)
        #expect(try store.artifacts(runID: "second").count == 4)
        #expect(try count(store, "artifact_blobs") == 4)
        #expect(try count(store, "artifact_chunks") == 3 + 3)
        _ = try store.deleteScan(id: "second")
        #expect(try count(store, "artifact_blobs") == 0 && count(store, "artifact_chunks") == 0)
    }

    @Test func aLocalStoreKeepsFilesOnlyWhenAskedTo() throws {
        let store = try StoreBackend.sqlite.makeStore()
        defer { store.close() }
        #expect(!store.keepsArtifacts)
        let folder = try Self.folder("run", own: "local")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try store.save(RunReport.sample(runID: "local"), targetPath: "/src/demo", artifactsDirectory: folder.path, artifacts: folder)
        #expect(try store.artifacts(runID: "local").isEmpty)
        // A published run on a local server: kept explicitly, replacing what it had.
        try store.keepArtifacts(runID: "local", from: folder)
        try store.keepArtifacts(runID: "local", from: folder)
        #expect(try store.artifacts(runID: "local").count == 4)
        #expect(try count(store, "artifact_blobs") == 4)
        #expect(throws: StoreError.unknownRun(id: "nope")) { try store.keepArtifacts(runID: "nope", from: folder) }
    }
}
