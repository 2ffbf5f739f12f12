import Foundation
import SecureScanCore
import SecureScanScanners
import SecureScanStore

/// `securescan db update-epss`: FIRST's EPSS scores (their CSV, gzip-compressed or not, a file or an
/// http(s) URL) loaded into the offline vulnerability database, replacing the scores loaded before.
public enum EPSSImport {
    public struct Result: Sendable, Codable {
        public var modelVersion: String
        public var scoreDate: String
        public var scored: Int
    }

    /// The largest decompressed file read (the full feed is about 15 MB).
    static let maximumBytes = 256 << 20

    public static func run(from source: String, database: String?, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws(PipelineError) -> Result {
        let (local, downloaded) = try await Download.localCopy(of: source, progress: progress)
        defer { if let downloaded { try? FileManager.default.removeItem(at: downloaded) } }
        var bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: local)))
        } catch {
            throw .target("cannot read \(source): \((error as NSError).localizedDescription)")
        }
        if bytes.starts(with: [0x1F, 0x8B]) {
            do {
                bytes = try await ToolRunner().run(ToolRunner.Invocation(executable: "gzip", arguments: ["-dc"], timeLimit: 120,
                                                                         outputLimit: maximumBytes, input: bytes)).stdout
            } catch {
                throw .target("cannot decompress \(source): \(error.description)")
            }
        }
        let prediction: ExploitPrediction
        do {
            prediction = try ExploitPrediction.parse(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw .target("\(source): \(error.description)")
        }
        do {
            let store = try AdvisoryStore.open(path: VulnerabilityDatabaseLocation.file(in: database), create: true)
            try store.importExploitPrediction(prediction)
        } catch {
            throw .store(error)
        }
        return Result(modelVersion: prediction.modelVersion, scoreDate: prediction.scoreDate, scored: prediction.scores.count)
    }
}
