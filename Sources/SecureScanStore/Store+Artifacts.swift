import Crypto
import Foundation

/// A run's artifact files kept in the store itself, so that every host sharing it (API replicas, a
/// host exporting the site) reads every run's report and SBOM without a shared filesystem.
///
/// Content-addressed: a file is kept once per distinct SHA-256 (most artifacts name their run, so that
/// saves little between runs; a run's files are also never rewritten, and an export can check each one),
/// in chunks of ``artifactChunkSize`` bytes written and read one at a time,
/// so neither side ever holds a large report whole. A blob no run refers to any more is deleted with the
/// last run that did.
extension Store {
    /// Bytes per stored chunk.
    public static let artifactChunkSize = 256 * 1024

    /// Whether runs saved into this store keep their artifact files in it: a shared store's runs do (its
    /// hosts do not see each other's disks); a local file's runs keep them in the output folder only.
    public var keepsArtifacts: Bool { isShared }

    /// Keeps the files of `directory` as the artifacts of the run `runSeq`, inside the caller's
    /// transaction. Hidden files and folders are not artifacts and are skipped.
    static func keepArtifacts(of directory: URL, runSeq: Int64, in db: any SQLConnection) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let file = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let (digest, size) = try digestOf(file)
            try keepBlob(digest: digest, size: size, in: db) { write in
                try readChunks(of: file, write)
            }
            try db.execute("INSERT INTO run_artifacts (run_seq, name, digest, size) VALUES (?, ?, ?, ?)", [runSeq, name, digest, size])
        }
    }

    /// Makes sure the blob `digest` is stored, writing its chunks (from `content`) only when no run has it
    /// yet, and keeps it from being deleted by a concurrent prune until the caller's transaction ends.
    static func keepBlob(digest: String, size: Int, in db: any SQLConnection, content: (([UInt8]) throws -> Void) throws -> Void) throws {
        let lock = db.dialect == .postgres ? " FOR KEY SHARE" : ""
        if try db.value(String.self, "SELECT digest FROM artifact_blobs WHERE digest = ?\(lock)", [digest]) != nil { return }
        let chunks = max(1, (size + artifactChunkSize - 1) / artifactChunkSize)
        let inserted = try db.value(String.self, """
            INSERT INTO artifact_blobs (digest, size, chunks) VALUES (?, ?, ?) ON CONFLICT(digest) DO NOTHING RETURNING digest
            """, [digest, size, chunks])
        // Another transaction stored the same bytes meanwhile (and committed): theirs is ours.
        guard inserted != nil else {
            _ = try db.value(String.self, "SELECT digest FROM artifact_blobs WHERE digest = ?\(lock)", [digest])
            return
        }
        var position = 0
        try content { bytes in
            try db.execute("INSERT INTO artifact_chunks (digest, position, data) VALUES (?, ?, ?)", [digest, position, bytes])
            position += 1
        }
        if position == 0 { try db.execute("INSERT INTO artifact_chunks (digest, position, data) VALUES (?, 0, ?)", [digest, [UInt8]()]) }
    }

    /// SHA-256 (hex) and size of a file, read a chunk at a time.
    static func digestOf(_ file: URL) throws -> (digest: String, size: Int) {
        var hasher = SHA256()
        var size = 0
        try readChunks(of: file) { bytes in
            hasher.update(data: bytes)
            size += bytes.count
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }

    static func readChunks(of file: URL, _ body: ([UInt8]) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: artifactChunkSize), !data.isEmpty {
            try body(Array(data))
        }
    }

    /// Deletes the blobs among `digests` that no run refers to any more (their chunks go with them).
    static func dropUnreferencedBlobs(_ digests: [String], in db: any SQLConnection) throws {
        for digest in Set(digests).sorted() {
            try db.execute("""
                DELETE FROM artifact_blobs WHERE digest = ? AND NOT EXISTS (SELECT 1 FROM run_artifacts WHERE run_artifacts.digest = ?)
                """, [digest, digest])
        }
    }

    /// The digests of the artifacts of run `runSeq` (read before the run is deleted, to collect its blobs).
    static func artifactDigests(runSeq: Int64, in db: any SQLConnection) throws -> [String] {
        try db.values(String.self, "SELECT digest FROM run_artifacts WHERE run_seq = ?", [runSeq])
    }

    // MARK: - Public

    /// Keeps the files of `directory` as the artifacts of the stored run `runID` (a run stored without
    /// them: published by a runner, or copied up from a local store), replacing any it had.
    public func keepArtifacts(runID: String, from directory: URL) throws(StoreError) {
        try write { db in
            guard let seq = try db.value(Int64.self, "SELECT seq FROM runs WHERE id = ?", [runID]) else { throw StoreError.unknownRun(id: runID) }
            let previous = try Store.artifactDigests(runSeq: seq, in: db)
            try db.execute("DELETE FROM run_artifacts WHERE run_seq = ?", [seq])
            try Store.keepArtifacts(of: directory, runSeq: seq, in: db)
            try Store.dropUnreferencedBlobs(previous, in: db)
        }
    }

    /// The artifact files the store keeps for run `runID`, by name (empty when it keeps none).
    public func artifacts(runID: String) throws(StoreError) -> [StoredArtifact] {
        try read { db in
            try db.rows("""
                SELECT run_artifacts.name, run_artifacts.digest, run_artifacts.size FROM run_artifacts JOIN runs ON runs.seq = run_artifacts.run_seq
                WHERE runs.id = ? ORDER BY run_artifacts.name
                """, [runID]).map { StoredArtifact(name: $0[0], digest: $0[1], size: $0[2]) }
        }
    }

    /// The names of the artifact files the store keeps for each of `runIDs` (runs without any are absent).
    public func artifactNames(runIDs: [String]) throws(StoreError) -> [String: [String]] {
        guard !runIDs.isEmpty else { return [:] }
        return try read { db in
            var names: [String: [String]] = [:]
            for start in stride(from: 0, to: runIDs.count, by: 500) {
                let page = Array(runIDs[start..<min(runIDs.count, start + 500)])
                for row in try db.rows("""
                    SELECT runs.id, run_artifacts.name FROM run_artifacts JOIN runs ON runs.seq = run_artifacts.run_seq
                    WHERE runs.id IN (\(SQLPlaceholders.list(page.count))) ORDER BY runs.id, run_artifacts.name
                    """, page) {
                    names[row[0], default: []].append(row[1])
                }
            }
            return names
        }
    }

    /// Chunk `position` of the blob `digest`, or nil when there is no such chunk (the blob was deleted
    /// with its last run, or `position` is past its end).
    public func artifactChunk(digest: String, position: Int) throws(StoreError) -> [UInt8]? {
        try read { db in
            try db.value([UInt8].self, "SELECT data FROM artifact_chunks WHERE digest = ? AND position = ?", [digest, position])
        }
    }

    /// Writes the blob of `artifact` to `file`, a chunk at a time, checking its size and SHA-256.
    public func writeArtifact(_ artifact: StoredArtifact, to file: URL) throws(StoreError) {
        do {
            FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            var hasher = SHA256()
            var size = 0
            var position = 0
            while size < artifact.size || (artifact.size == 0 && position == 0) {
                guard let chunk = try artifactChunk(digest: artifact.digest, position: position) else { break }
                try handle.write(contentsOf: chunk)
                hasher.update(data: chunk)
                size += chunk.count
                position += 1
                if chunk.isEmpty { break }
            }
            let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            guard size == artifact.size, digest == artifact.digest else {
                throw StoreError.readFailed(reason: "the stored artifact \(artifact.name) (sha256 \(artifact.digest)) reads back as \(size) bytes with sha256 \(digest)")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .readFailed(reason: "cannot write \(file.path): \((error as NSError).localizedDescription)")
        }
    }
}

extension Store {
    /// Changes whenever a run is stored or deleted (how many there are and the newest's sequence number):
    /// what pages listing the runs are cached by.
    public func runsVersion() throws(StoreError) -> String {
        try read { db in
            let row = try db.row("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM runs")
            return "\(row.map { $0[0] as Int } ?? 0).\(row.map { $0[1] as Int64 } ?? 0)"
        }
    }
}

extension Store {
    /// Keeps, for every run whose artifacts the store does not hold, the files of its folder when that
    /// folder is on this host (a local store's runs copied up to a shared one). One transaction per run;
    /// returns the runs whose files were kept.
    public func keepLocalArtifacts(progress: (String) -> Void = { _ in }) throws(StoreError) -> Int {
        let missing = try read { db in
            try db.rows("""
                SELECT id, artifacts_dir FROM runs WHERE artifacts_dir IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM run_artifacts WHERE run_artifacts.run_seq = runs.seq) ORDER BY seq
                """).map { ($0[0] as String, $0[1] as String) }
        }
        var kept = 0
        for (runID, directory) in missing {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            try keepArtifacts(runID: runID, from: URL(fileURLWithPath: directory))
            progress(runID)
            kept += 1
        }
        return kept
    }
}
