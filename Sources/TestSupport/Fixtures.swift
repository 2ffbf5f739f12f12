import Foundation

/// Locates the repository's `fixtures/` folder and scratch directories for tests.
package enum Fixtures {
    /// The repository root, found from this source file's location.
    package static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    package static let root = repositoryRoot.appendingPathComponent("fixtures")

    /// A fixture file's URL: `fixtures/<relative>`.
    package static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A fixture file's contents.
    package static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

    /// A fresh, empty directory under the system temporary directory; the caller removes it.
    package static func makeTemporaryDirectory(_ label: String = "securescan-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `files` (relative path to contents) under `directory`, creating folders as needed.
    package static func write(_ files: [String: String], under directory: URL) throws {
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
    }
}
