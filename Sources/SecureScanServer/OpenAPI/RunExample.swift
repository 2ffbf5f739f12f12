import Foundation
import SecureScanCore
import SecureScanReports

/// The example publication of the OpenAPI document: a real one, encoded by the types the server decodes,
/// so what the docs page offers is always accepted (once: a second copy of the same run is a 409).
enum RunExample {
    static let run = RunReport(
            runID: "20261201T090000Z-0a1b2c", target: TargetInfo(name: "example-service", commit: nil, branch: "main"),
            startedAt: "2026-12-01T09:00:00Z", finishedAt: "2026-12-01T09:00:04Z", tool: ToolInfo.current, scannerRuns: [],
            findings: [], components: [], diff: RunDiff(), baseRunID: nil, gate: GateResult(passed: true, exitCode: 0, reasons: []),
            configDigest: String(repeating: "0", count: 64))

    static let publication = value(RunPublication(run: run, gate: GatePolicy(failOn: .high), targetPath: nil))

    /// The artifact folder of that run as a runner uploads it: its manifest (of no other files here; a real
    /// run lists its reports, SBOMs and SARIF, each sent beside it).
    static let artifacts: JSONValue = {
        guard let manifest = try? Manifest(report: run, artifacts: []).data() else { return .null }
        return value(RunArtifactUpload(files: [.init(name: Manifest.fileName, content: manifest.base64EncodedString())]))
    }()

    private static func value(_ encodable: some Encodable) -> JSONValue {
        guard let data = try? JSONEncoder().encode(encodable), let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return .null
        }
        return value
    }
}
