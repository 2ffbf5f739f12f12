import Foundation
import GRDB
import SecureScanCore

/// The offline OSV advisory database: its own SQLite file (by default `~/.cache/securescan/vulndb/osv.sqlite`),
/// records by id and an index from package key to record. Imports replace records with the same id in one
/// transaction, so an interrupted import leaves the previous database as it was.
public struct AdvisoryStore: AdvisoryDatabase {
    private let writer: any DatabaseWriter
    public let path: String

    public static let fileName = "osv.sqlite"

    /// Opens (creating when `create`) the database at `path`. Read-only opening never writes.
    public static func open(path: String, create: Bool) throws(StoreError) -> AdvisoryStore {
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw .cannotOpen(path: path, reason: "no vulnerability database there; run `securescan db update-osv --from …`")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.readonly = !create
        do {
            if create {
                try FileManager.default.createDirectory(
                    at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            if create { try migrator.migrate(pool) } else if try pool.read({ try !$0.tableExists("records") }) {
                throw StoreError.cannotOpen(path: path, reason: "not a SecureScan vulnerability database")
            }
            return AdvisoryStore(writer: pool, path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: Store.describe(error))
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 osv records and package index") { db in
            try db.execute(sql: """
                CREATE TABLE records (
                    id TEXT PRIMARY KEY,
                    modified TEXT NOT NULL,
                    withdrawn INTEGER NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE TABLE packages (
                    package_key TEXT NOT NULL,
                    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
                    PRIMARY KEY (package_key, record_id)
                ) WITHOUT ROWID;
                CREATE INDEX packages_by_record ON packages(record_id);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v2 binary record bodies") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, body FROM records")
            for row in rows {
                let body: Data = row["body"]
                guard !body.starts(with: AdvisoryBlob.magic), let record = AdvisoryBlob.decode(body) else { continue }
                try db.execute(sql: "UPDATE records SET body = ? WHERE id = ?", arguments: [AdvisoryBlob.encode(record), row["id"] as String])
            }
        }
        migrator.registerMigration("v3 known exploited vulnerabilities") { db in
            try db.execute(sql: """
                CREATE TABLE kev (
                    cve TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    date_added TEXT NOT NULL,
                    due_date TEXT NOT NULL,
                    ransomware INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4 exploit prediction scores") { db in
            try db.execute(sql: "CREATE TABLE epss (cve TEXT PRIMARY KEY NOT NULL, probability REAL NOT NULL, percentile REAL NOT NULL) WITHOUT ROWID")
        }
        return migrator
    }

    /// Adds or replaces `records` in one transaction and refreshes the digest. Returns how many were new.
    @discardableResult
    public func importRecords(_ records: [OSVRecord]) throws(StoreError) -> Int {
        do {
            return try writer.write { db in
                var added = 0
                let existing = try Set(String.fetchAll(db, sql: "SELECT id FROM records"))
                for record in records {
                    if !existing.contains(record.id) { added += 1 }
                    try db.execute(sql: "DELETE FROM records WHERE id = ?", arguments: [record.id])
                    try db.execute(
                        sql: "INSERT INTO records (id, modified, withdrawn, body) VALUES (?, ?, ?, ?)",
                        arguments: [record.id, record.modified, record.withdrawn == nil ? 0 : 1, AdvisoryBlob.encode(record)])
                    let keys = Set(record.affected.compactMap(\.package).map { OSVPackageKey.make(ecosystem: $0.ecosystem, name: $0.name) })
                    for key in keys.sorted() {
                        try db.execute(sql: "INSERT INTO packages (package_key, record_id) VALUES (?, ?)", arguments: [key, record.id])
                    }
                }
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('digest', ?)", arguments: [try Self.digest(db)])
                return added
            }
        } catch {
            throw .writeFailed(reason: Store.describe(error))
        }
    }

    private static func digest(_ db: Database) throws -> String {
        var text = ""
        let rows = try Row.fetchCursor(db, sql: "SELECT id, modified FROM records ORDER BY id")
        while let row = try rows.next() {
            text += (row["id"] as String) + "\t" + (row["modified"] as String) + "\n"
        }
        return ContentDigest.sha256(text)
    }

    public func advisories(forPackageKeys keys: [String]) throws -> [String: [OSVRecord]] {
        let unique = Array(Set(keys)).sorted()
        var recordsByKey: [String: [String]] = [:]
        var bodies: [String: Data] = [:]
        try writer.read { db in
            // SQLite limits bound parameters; 500 keys per query stays well inside it.
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = Array(unique[start..<min(start + 500, unique.count)])
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT p.package_key, r.id, r.body FROM packages p JOIN records r ON r.id = p.record_id
                    WHERE p.package_key IN (\(placeholders)) AND r.withdrawn = 0
                    ORDER BY p.package_key, r.id
                    """, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let id: String = row["id"]
                    recordsByKey[row["package_key"], default: []].append(id)
                    if bodies[id] == nil { bodies[id] = row["body"] }
                }
            }
        }
        var records: [String: OSVRecord] = [:]
        records.reserveCapacity(bodies.count)
        for (id, body) in bodies {
            guard let record = AdvisoryBlob.decode(body) else {
                throw StoreError.readFailed(reason: "advisory \(id) in \(path) is unreadable; re-import it with `securescan db update-osv`")
            }
            records[id] = record
        }
        return recordsByKey.mapValues { ids in ids.compactMap { records[$0] } }
    }

    /// The database's content digest alone (one row read; `summary()` also counts every record).
    public func digest() throws -> String {
        try writer.read { db in try AdvisoryStore.combinedDigest(db) }
    }

    /// The records' digest, and the KEV catalog's version when one is loaded (a new catalog marks
    /// findings differently, so runs that used the old one are not reused).
    private static func combinedDigest(_ db: Database) throws -> String {
        let records = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'digest'") ?? ContentDigest.sha256("")
        let kev = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'kev.version'")
        let epss = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'epss.date'")
        guard kev != nil || epss != nil else { return records }
        return ContentDigest.sha256(records + "\nkev:" + (kev ?? "") + "\nepss:" + (epss ?? ""))
    }

    /// Replaces the EPSS scores in one transaction; returns how many CVEs are scored.
    @discardableResult
    public func importExploitPrediction(_ prediction: ExploitPrediction) throws(StoreError) -> Int {
        do {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM epss")
                let statement = try db.makeStatement(sql: "INSERT INTO epss (cve, probability, percentile) VALUES (?, ?, ?)")
                for (cve, score) in prediction.scores { try statement.execute(arguments: [cve, score.probability, score.percentile]) }
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('epss.date', ?), ('epss.model', ?)",
                               arguments: [prediction.scoreDate, prediction.modelVersion])
            }
        } catch {
            throw .writeFailed(reason: Store.describe(error))
        }
        return prediction.scores.count
    }

    /// The EPSS scores of those of `cves` that are scored, and the scores' date.
    public func exploitPrediction(_ cves: [String]) throws -> (date: String, scores: [String: ExploitPrediction.Score]) {
        guard !cves.isEmpty else { return ("", [:]) }
        return try writer.read { db in
            guard try db.tableExists("epss") else { return ("", [:]) }
            let date = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'epss.date'") ?? ""
            var found: [String: ExploitPrediction.Score] = [:]
            let unique = Array(Set(cves)).sorted()
            for start in stride(from: 0, to: unique.count, by: 500) {
                let page = Array(unique[start..<min(unique.count, start + 500)])
                for row in try Row.fetchAll(db, sql: "SELECT cve, probability, percentile FROM epss WHERE cve IN (\(page.map { _ in "?" }.joined(separator: ",")))",
                                            arguments: StatementArguments(page)) {
                    found[row["cve"]] = ExploitPrediction.Score(probability: row["probability"], percentile: row["percentile"])
                }
            }
            return (date, found)
        }
    }

    /// Replaces the Known Exploited Vulnerabilities catalog in one transaction; returns how many entries it holds.
    @discardableResult
    public func importKnownExploited(_ catalog: KnownExploited) throws(StoreError) -> Int {
        do {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM kev")
                let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO kev (cve, name, date_added, due_date, ransomware) VALUES (?, ?, ?, ?, ?)")
                for entry in catalog.entries {
                    try statement.execute(arguments: [entry.cve, entry.name, entry.dateAdded, entry.dueDate, entry.ransomware ? 1 : 0])
                }
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('kev.version', ?), ('kev.released', ?)",
                               arguments: [catalog.catalogVersion, catalog.dateReleased])
            }
        } catch {
            throw .writeFailed(reason: Store.describe(error))
        }
        return catalog.entries.count
    }

    /// The catalog entries of those of `cves` that are in it.
    public func knownExploited(_ cves: [String]) throws -> [String: KnownExploited.Entry] {
        guard !cves.isEmpty else { return [:] }
        return try writer.read { db in
            guard try db.tableExists("kev") else { return [:] }
            var found: [String: KnownExploited.Entry] = [:]
            let unique = Array(Set(cves)).sorted()
            for start in stride(from: 0, to: unique.count, by: 500) {
                let page = Array(unique[start..<min(unique.count, start + 500)])
                let rows = try Row.fetchAll(db, sql: "SELECT cve, name, date_added, due_date, ransomware FROM kev WHERE cve IN (\(page.map { _ in "?" }.joined(separator: ",")))",
                                            arguments: StatementArguments(page))
                for row in rows {
                    found[row["cve"]] = KnownExploited.Entry(cve: row["cve"], name: row["name"], dateAdded: row["date_added"], dueDate: row["due_date"],
                                                             ransomware: (row["ransomware"] as Int) != 0)
                }
            }
            return found
        }
    }

    /// The loaded catalog's version, release time and size; nil when none was loaded.
    public func knownExploitedCatalog() throws -> (version: String, released: String, entries: Int)? {
        try writer.read { db in
            guard try db.tableExists("kev"), let version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'kev.version'") else { return nil }
            let released = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'kev.released'") ?? ""
            return (version, released, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM kev") ?? 0)
        }
    }

    public func summary() throws -> AdvisoryDatabaseSummary {
        try writer.read { db in
            let digest = try AdvisoryStore.combinedDigest(db)
            let records = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0
            let newest = try String.fetchOne(db, sql: "SELECT MAX(modified) FROM records")
            var ecosystems: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT substr(package_key, 1, instr(package_key, '/') - 1) AS ecosystem, COUNT(DISTINCT record_id) AS n
                FROM packages GROUP BY ecosystem
                """)
            while let row = try rows.next() { ecosystems[row["ecosystem"]] = row["n"] }
            var summary = AdvisoryDatabaseSummary(digest: digest, records: records, ecosystems: ecosystems, newestModified: newest)
            let meta = Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('kev.version', 'kev.released', 'epss.date')")
                .map { ($0["key"] as String, $0["value"] as String) }, uniquingKeysWith: { a, _ in a })
            if let version = meta["kev.version"] {
                summary.knownExploitedCatalog = version + (meta["kev.released"].map { $0.isEmpty ? "" : " (released \($0))" } ?? "")
            }
            summary.exploitPredictionDate = meta["epss.date"]
            return summary
        }
    }
}
