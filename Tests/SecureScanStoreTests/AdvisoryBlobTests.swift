import Foundation
import GRDB
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanStore

/// The advisory store's record format: every real record survives the binary form exactly, damaged
/// bodies are refused, and databases written with JSON bodies are still read and converted on update.
@Suite struct AdvisoryBlobTests {
    static func fixtureRecords() throws -> [OSVRecord] {
        let root = Fixtures.url("osv")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        return files.compactMap { try? JSONDecoder().decode(OSVRecord.self, from: Data(contentsOf: $0)) }
    }

    @Test func everyFixtureRecordRoundTripsExactly() throws {
        let records = try Self.fixtureRecords()
        #expect(records.count > 40)
        for record in records {
            let blob = AdvisoryBlob.encode(record)
            #expect(blob.starts(with: AdvisoryBlob.magic))
            #expect(AdvisoryBlob.decode(blob) == record, "\(record.id)")
        }
    }

    @Test func nonASCIITextAndEmptyFieldsRoundTrip() {
        let record = OSVRecord(
            id: "TEST-1", modified: "2024-01-01T00:00:00Z", published: nil, withdrawn: nil, aliases: [],
            summary: "Überprüfung ✓ 日本語", details: "", severity: [], affected: [
                OSVRecord.Affected(package: nil, ranges: [OSVRecord.Range(type: "GIT", repo: "https://x", events: [OSVRecord.Event(introduced: "0")])]),
            ], references: [], databaseSeverity: nil, cweIDs: [])
        #expect(AdvisoryBlob.decode(AdvisoryBlob.encode(record)) == record)
    }

    @Test func truncatedOrPaddedBodiesAreRefused() throws {
        let record = try #require(try Self.fixtureRecords().first)
        let blob = AdvisoryBlob.encode(record)
        for cut in [4, 5, blob.count / 2, blob.count - 1] {
            #expect(AdvisoryBlob.decode(blob.prefix(cut)) == nil, "cut at \(cut)")
        }
        #expect(AdvisoryBlob.decode(blob + Data([0])) == nil)
        // A length prefix claiming more bytes than the body has.
        #expect(AdvisoryBlob.decode(Data(AdvisoryBlob.magic + [0xFF, 0xFF, 0xFF, 0x7F])) == nil)
    }

    @Test func aDatabaseWithJSONBodiesIsReadAndConvertedOnTheNextUpdate() throws {
        let directory = try Fixtures.makeTemporaryDirectory("vulndb-json")
        let path = directory.appendingPathComponent(AdvisoryStore.fileName).path
        let records = try Self.fixtureRecords().filter { !$0.affected.isEmpty }
        // The layout of a database written before the binary format: migration v1 only, JSON bodies.
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1 osv records and package index');
                    CREATE TABLE records (id TEXT PRIMARY KEY, modified TEXT NOT NULL, withdrawn INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE TABLE packages (package_key TEXT NOT NULL, record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
                        PRIMARY KEY (package_key, record_id)) WITHOUT ROWID;
                    CREATE INDEX packages_by_record ON packages(record_id);
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    """)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                for record in records {
                    try db.execute(sql: "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)",
                                   arguments: [record.id, record.modified, record.withdrawn == nil ? 0 : 1, try encoder.encode(record)])
                    for key in Set(record.affected.compactMap(\.package).map { OSVPackageKey.make(ecosystem: $0.ecosystem, name: $0.name) }) {
                        try db.execute(sql: "INSERT OR IGNORE INTO packages VALUES (?, ?)", arguments: [key, record.id])
                    }
                }
            }
        }
        let keys = Array(Set(records.flatMap { $0.affected.compactMap(\.package).map { OSVPackageKey.make(ecosystem: $0.ecosystem, name: $0.name) } }))
        let before = try AdvisoryStore.open(path: path, create: false).advisories(forPackageKeys: keys)
        #expect(!before.isEmpty)
        // Opening for an update migrates the bodies; what a scan reads does not change.
        let store = try AdvisoryStore.open(path: path, create: true)
        #expect(try store.advisories(forPackageKeys: keys) == before)
        let queue = try DatabaseQueue(path: path)
        let jsonBodies = try queue.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM records").filter { !$0.starts(with: AdvisoryBlob.magic) }.count
        }
        #expect(jsonBodies == 0)
    }
}
