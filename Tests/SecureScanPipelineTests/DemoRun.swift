import Foundation
import TestSupport
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanScanners

/// One run of the demo project with the built-in offline scanners, a fixed clock and a fresh output
/// directory (the caller removes `output`).
enum DemoRun {
    static func scan(
        _ label: String, scanners: [any ScannerAdapter] = [SecretsScanner(), DockerfileScanner(), DependenciesScanner()],
        signingKey: ManifestSignature.SigningKey? = nil
    ) async throws -> (directory: URL, output: URL) {
        let output = try Fixtures.makeTemporaryDirectory(label)
        let pipeline = Pipeline(scanners: scanners, now: { Date(timeIntervalSince1970: 1_764_374_400) })
        let outcome = try await pipeline.scan(ScanRequest(
            path: DemoApp.url.path, outputRoot: output.path,
            templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates").path,
            vulnerabilityDatabase: output.appendingPathComponent("no-vulndb").path, signingKey: signingKey))
        return (URL(fileURLWithPath: outcome.artifactsDirectory), output)
    }
}
