/// `securescan db migrate-store`: every row of one store copied into another, empty one, whichever the
/// backends (an SQLite file up to a PostgreSQL server, or back down), keeping every id, sequence and
/// row order, in one transaction on the destination, the counts checked before it commits.
extension Store {
    /// A table as it is copied: after the tables it refers to, its rows read in `order`.
    struct CopiedTable: Sendable {
        var name: String
        /// The columns that order the rows (a unique key), for reading in pages.
        var order: [String]
        /// SQLite's implicit row id, copied explicitly where it is the rows' order (PostgreSQL's is a column).
        var rowid = false
        /// PostgreSQL identity columns whose sequence must continue after the copied values.
        var identity: String?
        /// Rows read and written at a time.
        var page = Store.copyPage
    }

    static let copiedTables: [CopiedTable] = [
        CopiedTable(name: "targets", order: ["id"], identity: "id"),
        CopiedTable(name: "runs", order: ["seq"], identity: "seq"),
        CopiedTable(name: "scanner_runs", order: ["run_seq", "scanner"]),
        CopiedTable(name: "findings", order: ["rowid"], rowid: true, identity: "rowid"),
        CopiedTable(name: "components", order: ["run_seq", "purl", "manifest_path"]),
        CopiedTable(name: "target_fingerprints", order: ["target_id", "fingerprint"]),
        CopiedTable(name: "scans", order: ["seq"], identity: "seq"),
        CopiedTable(name: "scan_events", order: ["scan_id", "seq"]),
        CopiedTable(name: "api_keys", order: ["rowid"], rowid: true, identity: "rowid"),
        CopiedTable(name: "finding_states", order: ["fingerprint"]),
        CopiedTable(name: "finding_state_history", order: ["seq"], identity: "seq"),
        CopiedTable(name: "finding_comments", order: ["seq"], identity: "seq"),
        CopiedTable(name: "notifications", order: ["seq"], identity: "seq"),
        CopiedTable(name: "webhooks", order: ["seq"], identity: "seq"),
        CopiedTable(name: "webhook_deliveries", order: ["seq"], identity: "seq"),
        CopiedTable(name: "batches", order: ["seq"], identity: "seq"),
        CopiedTable(name: "batch_targets", order: ["batch_id", "target"]),
        CopiedTable(name: "artifact_blobs", order: ["digest"]),
        // 256 KiB each: 16 at a time.
        CopiedTable(name: "artifact_chunks", order: ["digest", "position"], page: 16),
        CopiedTable(name: "run_artifacts", order: ["run_seq", "name"]),
    ]

    /// Rows read and written at a time.
    static let copyPage = 5_000

    /// Copies every row of this store into `destination`, which must be empty; returns the rows copied
    /// per table. The source is read in one snapshot and never written; the destination is written in
    /// one transaction that commits only when every table holds as many rows as the source's.
    /// - Throws: ``StoreError/destinationNotEmpty(store:table:rows:)``, ``StoreError/copyMismatch(table:source:destination:)``,
    ///   or the backends' errors; in every case the destination is left as it was.
    public func copy(to destination: Store, progress: (String, Int) -> Void = { _, _ in }) throws(StoreError) -> [(table: String, rows: Int)] {
        let target = destination.path
        do {
            return try transaction(readOnly: true) { source in
                try destination.transaction(readOnly: false) { sink in
                    for table in Store.copiedTables {
                        let rows = try sink.value(Int.self, "SELECT COUNT(*) FROM \(table.name)") ?? 0
                        if rows > 0 { throw StoreError.destinationNotEmpty(store: target, table: table.name, rows: rows) }
                    }
                    var copied: [(table: String, rows: Int)] = []
                    for table in Store.copiedTables {
                        let count = try Store.copyRows(of: table, from: source, to: sink)
                        let expected = try source.value(Int.self, "SELECT COUNT(*) FROM \(table.name)") ?? 0
                        let written = try sink.value(Int.self, "SELECT COUNT(*) FROM \(table.name)") ?? 0
                        guard count == expected, written == expected else {
                            throw StoreError.copyMismatch(table: table.name, source: expected, destination: written)
                        }
                        if sink.dialect == .postgres, let column = table.identity {
                            try sink.execute(
                                "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(\(column)) FROM \(table.name)), 0) + 1, false)",
                                [table.name, column])
                        }
                        copied.append((table.name, count))
                        progress(table.name, count)
                    }
                    // Statistics for the planner: without them a server plans the first queries over the
                    // copied rows as over empty tables (a list of scans measured 4× slower until autovacuum
                    // analyzed them).
                    if sink.dialect == .postgres { try sink.execute("ANALYZE") }
                    return copied
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw destination.failure(error, otherwise: StoreError.updateFailed(reason:))
        }
    }

    /// The columns of `table` in the source's order (the same on both backends), SQLite's row id first
    /// where it is copied.
    static func columns(of table: CopiedTable, in db: any SQLConnection) throws -> [String] {
        let names = switch db.dialect {
        case .sqlite: try db.values(String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", [table.name])
        case .postgres:
            try db.values(String.self, """
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """, [table.name])
        }
        return (table.rowid ? ["rowid"] : []) + names.filter { $0 != "rowid" }
    }

    /// Copies one table page by page: by key after the last row for a single integer key, by offset in
    /// key order otherwise.
    static func copyRows(of table: CopiedTable, from source: any SQLConnection, to sink: any SQLConnection) throws -> Int {
        let columns = try columns(of: table, in: source)
        let list = columns.joined(separator: ", ")
        let order = table.order.joined(separator: ", ")
        let keyset = table.order.count == 1 && (table.rowid || table.identity == table.order[0])
        let keyIndex = columns.firstIndex(of: table.order[0]) ?? 0
        var copied = 0
        var last: Int64 = .min
        while true {
            let rows = keyset
                ? try source.rows("SELECT \(list) FROM \(table.name) WHERE \(order) > ? ORDER BY \(order) LIMIT ?", [last, table.page])
                : try source.rows("SELECT \(list) FROM \(table.name) ORDER BY \(order) LIMIT ? OFFSET ?", [table.page, copied])
            guard !rows.isEmpty else { break }
            try sink.insertMany(into: table.name, columns: columns, rows: rows.map { $0.values.map(SQLArgument.init) }, conflict: .fail)
            copied += rows.count
            if keyset, let key = rows.last { last = key[keyIndex] }
            if rows.count < table.page { break }
        }
        return copied
    }
}
