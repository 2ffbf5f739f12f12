import Foundation
import SecureScanCore
import SecureScanScanners

/// A scanner that runs a real child process (`sleep`) through ToolRunner and records its pid, so a test
/// can prove that cancelling a scan kills the scanner's processes.
struct SlowToolScanner: ScannerAdapter {
    let id = "slowtool"
    let scanType = ScanType.code
    let summary = "runs sleep for a long time"
    /// Where the child writes its pid.
    let pidFile: String

    func availability() async -> ScannerAvailability { .available(version: "1.0") }

    func scan(_ target: ScanTarget) async throws -> Observations {
        _ = try await ToolRunner().run(.init(executable: "sh", arguments: ["-c", "echo $$ > \"$0\"; exec sleep 300", pidFile], timeLimit: 600))
        return Observations()
    }
}
