import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// Walking a target: excludes, links, size cap, special files, bad targets.
@Suite struct TreeWalkerTests {
    func walk(_ directory: URL, excludes: [String] = TreeWalker.defaultExcludes, maxFileSize: Int = 1 << 20) throws -> TargetTree {
        try TreeWalker(excludes: try PathPatternSet(excludes), maxFileSize: maxFileSize).walk(root: try TreeWalker.resolveRoot(directory.path))
    }

    @Test func defaultExcludesSkipVendoredAndGeneratedDirectories() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write([
            "src/app.py": "x", "node_modules/lib/index.js": "x", ".git/config": "x", "web/node_modules/a.js": "x",
            "vendor/github.com/x.go": "x", ".venv/lib/site.py": "x", "docs/readme.md": "x",
        ], under: directory)
        #expect(try walk(directory).files.map(\.path) == ["docs/readme.md", "src/app.py"])
        #expect(try walk(directory, excludes: ["docs/"]).files.count == 6)
    }

    @Test func symbolicLinksAreNeverFollowedSoLoopsAndEscapesAreHarmless() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(["a/file.txt": "x"], under: directory)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("a/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("escape").path, withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("passwd").path, withDestinationPath: "/etc/passwd")
        let tree = try walk(directory)
        #expect(tree.files.map(\.path) == ["a/file.txt"])
        #expect(tree.notes == ["3 symbolic links not followed: a/loop, escape, passwd"])
    }

    @Test func aHugeFileIsLeftOutWithANote() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = directory.appendingPathComponent("dump.sql")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 1 << 30)  // 1 GiB, sparse
        try handle.close()
        try Fixtures.write(["small.txt": "x"], under: directory)
        let tree = try walk(directory, maxFileSize: 10 << 20)
        #expect(tree.files.map(\.path) == ["small.txt"])
        #expect(tree.notes == ["1 file larger than 10 MiB not scanned: dump.sql"])
    }

    @Test func pipesAndSocketsAreSkippedWithoutBlocking() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(mkfifo(directory.appendingPathComponent("fifo").path, 0o644) == 0)
        let tree = try walk(directory)
        #expect(tree.files.isEmpty)
        #expect(tree.notes == ["1 special file skipped: fifo (a named pipe)"])
    }

    @Test func aMissingTargetIsAClearError() {
        #expect(throws: ScannersError.targetMissing(path: "/nonexistent/securescan")) {
            try TreeWalker.resolveRoot("/nonexistent/securescan")
        }
    }

    @Test func aFileIsNotADirectoryTarget() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(["f": "x"], under: directory)
        let path = directory.appendingPathComponent("f").path
        #expect(throws: ScannersError.targetNotDirectory(path: path)) { try TreeWalker.resolveRoot(path) }
    }

    @Test func theRootIsResolvedThroughSymbolicLinks() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(["real/x.txt": "x"], under: directory)
        let link = directory.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real")
        #expect(try TreeWalker.resolveRoot(link).hasSuffix("/real"))
    }
}
