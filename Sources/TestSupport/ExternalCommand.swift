import Foundation

/// Runs a program the test environment provides (openssl, pdftotext, chromium), off the cooperative pool.
package enum ExternalCommand {
    /// Exit status and combined output, trimmed.
    package static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await Blocking.run { try blockingRun(URL(fileURLWithPath: executable), arguments) }
    }

    static func blockingRun(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
