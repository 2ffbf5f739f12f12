import Foundation
import Testing
import TestSupport

/// Faults around a scan: the output or the database on a full or read-only filesystem, a database that is
/// corrupt or from a newer version, templates that are missing. Each is exit 2 with a message naming the
/// file and the cause; no half-written run is left, `latest` still points at a complete run, and the
/// database passes `PRAGMA integrity_check`. The filesystems are small tmpfs mounts (root only: skipped
/// otherwise).
@Suite(.serialized) struct FaultTests {
    /// A tmpfs of `megabytes` at a new folder, unmounted and removed after `body`; nil when mounting is not
    /// allowed here.
    static func withTmpfs(megabytes: Int, _ body: (URL) async throws -> Void) async throws {
        let folder = try Fixtures.makeTemporaryDirectory("tmpfs")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard getuid() == 0, (try? CommandLineTests.runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path]))?.status == 0 else {
            return
        }
        defer { _ = try? CommandLineTests.runTool("/bin/umount", ["-l", folder.path]) }
        try await body(folder)
    }

    /// Fills the filesystem of `folder` up to `leaving` free bytes.
    static func fill(_ folder: URL, leaving: Int) throws {
        var info = statvfs()
        #expect(statvfs(folder.path, &info) == 0)
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let filler = folder.appendingPathComponent("filler")
        #expect(FileManager.default.createFile(atPath: filler.path, contents: nil))
        let descriptor = open(filler.path, O_WRONLY)
        defer { close(descriptor) }
        #expect(posix_fallocate(descriptor, 0, off_t(max(0, free - leaving))) == 0)
    }

    static func integrity(_ database: String) throws -> String { try query(database, "PRAGMA integrity_check;") }

    /// One statement through the sqlite3 shell.
    static func query(_ database: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, statement]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func scan(_ output: String, database: String? = nil, environment: [String: String] = [:]) async throws -> CommandLineTests.Result {
        try await CommandLineTests.run(["scan", DemoApp.url.path, "--output", output] + (database.map { ["--database", $0] } ?? []), environment: environment)
    }

    /// The runs of demo-app under `output`, and where `latest` points.
    static func runs(_ output: String) throws -> (runs: [String], latest: String?) {
        let folder = output + "/demo-app"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "index.html" && $0 != "latest" }.sorted()
        return (names, try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/latest"))
    }

    @Test func aFullDiskUnderTheOutputLeavesTheLastCompleteRunInPlace() async throws {
        try await Self.withTmpfs(megabytes: 3) { disk in
            let output = disk.appendingPathComponent("out").path
            let first = try await Self.scan(output)
            try #require(first.status == 0, "\(first.stderr)")
            let before = try Self.runs(output)
            try Self.fill(disk, leaving: 120_000)
            let second = try await Self.scan(output)
            #expect(second.status == 2)
            #expect(second.stderr.contains("No space left on device") && second.stderr.contains(output), "\(second.stderr)")
            let after = try Self.runs(output)
            #expect(after.runs == before.runs, "no half-written run is left")
            #expect(after.latest == before.latest)
            try? FileManager.default.removeItem(at: disk.appendingPathComponent("filler"))
            #expect(try Self.integrity(output + "/securescan.db") == "ok")
        }
    }

    @Test func aFullDiskUnderTheDatabaseStoresNothingAndNamesTheFile() async throws {
        try await Self.withTmpfs(megabytes: 3) { disk in
            let database = disk.appendingPathComponent("runs.db").path
            let output = try Fixtures.makeTemporaryDirectory("fault-out")
            defer { try? FileManager.default.removeItem(at: output) }
            try #require(try await Self.scan(output.path, database: database).status == 0)
            try Self.fill(disk, leaving: 40_000)
            let second = try await Self.scan(output.path, database: database)
            #expect(second.status == 2)
            #expect(second.stderr.contains(database) && (second.stderr.contains("full") || second.stderr.contains("disk I/O")), "\(second.stderr)")
            #expect(try Self.runs(output.path).runs.count == 1, "the artifacts of an unsaved run are not published")
            try? FileManager.default.removeItem(at: disk.appendingPathComponent("filler"))
            #expect(try Self.integrity(database) == "ok")
        }
    }

    @Test func aReadOnlyFilesystemIsNamed() async throws {
        try await Self.withTmpfs(megabytes: 8) { disk in
            let output = disk.appendingPathComponent("out").path
            try #require(try await Self.scan(output).status == 0)
            #expect((try CommandLineTests.runTool("/bin/mount", ["-o", "remount,ro", disk.path])).status == 0)
            defer { _ = try? CommandLineTests.runTool("/bin/mount", ["-o", "remount,rw", disk.path]) }
            let scan = try await Self.scan(output)
            #expect(scan.status == 2)
            #expect(scan.stderr.contains("\(output)/securescan.db") && scan.stderr.contains("read-only"), "\(scan.stderr)")
            let elsewhere = try await Self.scan(disk.appendingPathComponent("new").path, database: NSTemporaryDirectory() + "fault-\(UUID().uuidString).db")
            #expect(elsewhere.status == 2)
            #expect(elsewhere.stderr.contains(disk.appendingPathComponent("new").path) && elsewhere.stderr.contains("read only"), "\(elsewhere.stderr)")
        }
    }

    @Test func corruptAndNewerDatabasesAreRefusedUntouched() async throws {
        let folder = try Fixtures.makeTemporaryDirectory("fault-db")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        try #require(try await Self.scan(output).status == 0)
        let good = output + "/securescan.db"

        let garbage = folder.appendingPathComponent("garbage.db").path
        try Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: garbage))
        let corrupt = try await Self.scan(output, database: garbage)
        #expect(corrupt.status == 2)
        #expect(corrupt.stderr.contains("cannot open database \(garbage): file is not a database"), "\(corrupt.stderr)")

        let truncated = folder.appendingPathComponent("truncated.db").path
        try FileManager.default.copyItem(atPath: good, toPath: truncated)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: truncated))
        try handle.truncate(atOffset: 50_000)
        try handle.close()
        let cut = try await Self.scan(output, database: truncated)
        #expect(cut.status == 2)
        #expect(cut.stderr.contains(truncated) && cut.stderr.contains("malformed"), "\(cut.stderr)")

        let newer = folder.appendingPathComponent("newer.db").path
        try FileManager.default.copyItem(atPath: good, toPath: newer)
        _ = try Self.query(newer, "INSERT INTO grdb_migrations VALUES ('v99 from a later release');")
        let refused = try await Self.scan(output, database: newer)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(newer) was migrated by a newer SecureScan (it has 'v99 from a later release'"), "\(refused.stderr)")
        #expect(try Self.query(newer, "SELECT count(*) FROM runs;") == "1", "nothing written to it")
        #expect(try Self.runs(output).runs.count == 1)
    }

    @Test func missingTemplatesStopTheRunBeforeAnythingIsPublished() async throws {
        let folder = try Fixtures.makeTemporaryDirectory("fault-templates")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let missing = try await Self.scan(output, environment: ["SECURESCAN_TEMPLATES": folder.appendingPathComponent("nowhere").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("templates directory \(folder.appendingPathComponent("nowhere").path) does not exist"), "\(missing.stderr)")
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let incomplete = try await Self.scan(output, environment: ["SECURESCAN_TEMPLATES": empty.path])
        #expect(incomplete.status == 2)
        #expect(incomplete.stderr.contains("is missing from \(empty.path)"), "\(incomplete.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: output + "/demo-app")) ?? []).isEmpty, "no run folder, whole or half")
        #expect(try Self.query(output + "/securescan.db", "SELECT count(*) FROM runs;") == "0")
    }
}
