import Foundation
import SecureScanCore
import SecureScanStore

/// `securescan db update-kev`: CISA's Known Exploited Vulnerabilities catalog (its JSON feed, a file or
/// an http(s) URL) loaded into the offline vulnerability database, replacing the catalog loaded before.
public enum KEVImport {
    public struct Result: Sendable, Codable {
        public var catalogVersion: String
        public var dateReleased: String
        public var entries: Int
        public var ransomware: Int
    }

    public static func run(from source: String, database: String?, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws(PipelineError) -> Result {
        let (local, downloaded) = try await Download.localCopy(of: source, progress: progress)
        defer { if let downloaded { try? FileManager.default.removeItem(at: downloaded) } }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: local))
        } catch {
            throw .target("cannot read \(source): \((error as NSError).localizedDescription)")
        }
        let catalog: KnownExploited
        do {
            catalog = try KnownExploited.parse(data)
        } catch {
            throw .target("\(source): \(error.description)")
        }
        let store: AdvisoryStore
        do {
            store = try AdvisoryStore.open(path: VulnerabilityDatabaseLocation.file(in: database), create: true)
            try store.importKnownExploited(catalog)
        } catch {
            throw .store(error)
        }
        return Result(catalogVersion: catalog.catalogVersion, dateReleased: catalog.dateReleased, entries: catalog.entries.count,
                      ransomware: catalog.entries.count(where: \.ransomware))
    }
}
