import Foundation

/// Runs the Python validators `make setup` installs into the repository's `.venv` (falling back to
/// `python3` on PATH). Runs on a dispatch thread: blocking the cooperative pool while a child process
/// runs can starve parallel tests.
package enum PythonTool {
    /// Exit status and combined output of `python3 <arguments>`.
    /// One validator at a time: each loads large libraries, and a dozen at once on two cores would
    /// starve the tests that measure time limits.
    package static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try blockingRun(arguments) })
            }
        }
    }

    private static let queue = DispatchQueue(label: "securescan.tests.python")

    private static func blockingRun(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let venv = Fixtures.repositoryRoot.appendingPathComponent(".venv/bin/python3")
        if FileManager.default.isExecutableFile(atPath: venv.path) {
            return try ExternalCommand.blockingRun(venv, arguments)
        }
        return try ExternalCommand.blockingRun(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
    }
}
