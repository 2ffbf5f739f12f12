import Crypto
import Foundation
import SecureScanCore

/// `manifest.json`: the SHA-256 of every artifact of a run, with the tool, scanner versions and config digest,
/// so an auditor can check that nothing was altered (`securescan verify`).
public struct Manifest: Sendable, Encodable {
    public struct Artifact: Sendable, Encodable, Hashable {
        public var path: String
        public var sha256: String
        public var bytes: Int
        public var mediaType: String

        enum CodingKeys: String, CodingKey {
            case path, sha256, bytes
            case mediaType = "media_type"
        }

        public init(path: String, sha256: String, bytes: Int, mediaType: String) {
            self.path = path
            self.sha256 = sha256
            self.bytes = bytes
            self.mediaType = mediaType
        }

        /// An artifact held in memory.
        public init(path: String, data: Data, mediaType: String) {
            self.init(path: path, sha256: Array(SHA256.hash(data: data)).hexString, bytes: data.count, mediaType: mediaType)
        }
    }

    struct ScannerEntry: Sendable, Encodable, Hashable {
        var id: String
        var version: String?
        var status: String
    }

    public static let fileName = "manifest.json"

    let schemaVersion = 1
    let kind = "securescan-manifest"
    let runID: String
    let target: String
    let commit: String?
    let tool: ToolInfo
    let scanners: [ScannerEntry]
    let configDigest: String
    /// The vulnerability database digest, once a run uses one.
    let vulnerabilityDatabase: String?
    public let artifacts: [Artifact]

    enum CodingKeys: String, CodingKey {
        case kind, target, commit, tool, scanners, artifacts
        case schemaVersion = "schema_version"
        case runID = "run_id"
        case configDigest = "config_sha256"
        case vulnerabilityDatabase = "vulnerability_database"
    }

    public init(report: RunReport, artifacts: [Artifact]) {
        runID = report.runID
        target = report.target.name
        commit = report.target.commit
        tool = report.tool
        scanners = report.scannerRuns.map { ScannerEntry(id: $0.scanner, version: $0.version, status: $0.status.rawValue) }
        configDigest = report.configDigest
        vulnerabilityDatabase = report.advisoryDatabase?.digest
        self.artifacts = artifacts.sorted { $0.path < $1.path }
    }

    public func data() throws(ReportsError) -> Data { try StableJSON.data(self, format: Manifest.fileName) }
}
