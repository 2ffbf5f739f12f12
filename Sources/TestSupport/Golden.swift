import Foundation
import Testing

/// Compares `actual` with the golden file `__Snapshots__/<test file name>/<name>` beside the test.
///
/// When the file is missing or `UPDATE_GOLDEN=1` is set, it is (re)written and the test fails once
/// on purpose, so every change to a golden file is reviewed in a diff before it is committed.
package func assertGolden(
    _ actual: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let testFile = URL(fileURLWithPath: filePath)
    let directory = testFile.deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
        .appendingPathComponent(testFile.deletingPathExtension().lastPathComponent)
    let url = directory.appendingPathComponent(name)
    let text = actual.hasSuffix("\n") ? actual : actual + "\n"
    let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
    if update || !FileManager.default.fileExists(atPath: url.path) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record("Recorded golden file \(url.path); review and commit it, then rerun.", sourceLocation: sourceLocation)
        } catch {
            Issue.record("Cannot write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    #expect(text == expected, "output differs from golden file \(url.path); rerun with UPDATE_GOLDEN=1 to accept", sourceLocation: sourceLocation)
}
