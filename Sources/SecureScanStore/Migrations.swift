import GRDB

/// The schema's history. Migrations are named, applied in order, and never edited once released.
enum Migrations {
    /// The migrations' names, in order (the PostgreSQL schema has the same ones).
    static var names: [String] { migrator.migrations }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 targets, runs, scanner runs, findings, components") { db in
            try db.execute(sql: """
                CREATE TABLE targets (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    path TEXT,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE runs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
                    status TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    config_digest TEXT NOT NULL,
                    commit_id TEXT,
                    branch TEXT,
                    base_run_id TEXT,
                    risk_score REAL NOT NULL,
                    count_critical INTEGER NOT NULL,
                    count_high INTEGER NOT NULL,
                    count_medium INTEGER NOT NULL,
                    count_low INTEGER NOT NULL,
                    count_info INTEGER NOT NULL,
                    count_suppressed INTEGER NOT NULL,
                    diff_new INTEGER NOT NULL,
                    diff_unchanged INTEGER NOT NULL,
                    diff_reopened INTEGER NOT NULL,
                    diff_fixed INTEGER NOT NULL,
                    diff_not_reassessed INTEGER NOT NULL,
                    gate_passed INTEGER NOT NULL,
                    gate_exit_code INTEGER NOT NULL,
                    gate_reasons TEXT NOT NULL,
                    artifacts_dir TEXT
                );
                CREATE INDEX runs_by_target ON runs(target_id, seq);
                CREATE TABLE scanner_runs (
                    run_seq INTEGER NOT NULL REFERENCES runs(seq) ON DELETE CASCADE,
                    scanner TEXT NOT NULL,
                    scan_type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    version TEXT,
                    reason TEXT,
                    install_hint TEXT,
                    error TEXT,
                    finding_count INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    notes TEXT NOT NULL,
                    PRIMARY KEY (run_seq, scanner)
                );
                CREATE TABLE findings (
                    run_seq INTEGER NOT NULL REFERENCES runs(seq) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL,
                    assessment TEXT NOT NULL,
                    scanner TEXT NOT NULL,
                    scan_type TEXT NOT NULL,
                    rule_id TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    original_severity TEXT,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL,
                    path TEXT,
                    start_line INTEGER,
                    end_line INTEGER,
                    start_column INTEGER,
                    end_column INTEGER,
                    cwes TEXT NOT NULL,
                    aliases TEXT NOT NULL,
                    remediation TEXT,
                    refs TEXT NOT NULL,
                    evidence TEXT,
                    properties TEXT NOT NULL,
                    reported_by TEXT NOT NULL,
                    suppression_source TEXT,
                    suppression_reason TEXT,
                    suppression_expires TEXT,
                    change TEXT,
                    PRIMARY KEY (run_seq, fingerprint)
                );
                CREATE INDEX findings_by_fingerprint ON findings(fingerprint);
                CREATE TABLE components (
                    run_seq INTEGER NOT NULL REFERENCES runs(seq) ON DELETE CASCADE,
                    purl TEXT NOT NULL,
                    name TEXT NOT NULL,
                    version TEXT NOT NULL,
                    ecosystem TEXT NOT NULL,
                    licenses TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    manifest_path TEXT NOT NULL,
                    hashes TEXT NOT NULL,
                    depends_on TEXT NOT NULL,
                    PRIMARY KEY (run_seq, purl, manifest_path)
                );
                CREATE TABLE target_fingerprints (
                    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL,
                    first_run_seq INTEGER NOT NULL,
                    last_run_seq INTEGER NOT NULL,
                    PRIMARY KEY (target_id, fingerprint)
                );
                """)
        }
        migrator.registerMigration("v2 vulnerability database digest per run") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN vulndb_digest TEXT")
        }
        migrator.registerMigration("v3 scans lifecycle, events, API keys, triage, notifications, webhooks") { db in
            try db.execute(sql: """
                CREATE TABLE scans (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    target TEXT,
                    target_path TEXT NOT NULL,
                    scan_types TEXT NOT NULL,
                    scanners TEXT,
                    target_url TEXT,
                    target_host TEXT,
                    status TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    requested_by TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    started_at TEXT,
                    completed_at TEXT,
                    error TEXT,
                    run_seq INTEGER REFERENCES runs(seq) ON DELETE SET NULL
                );
                CREATE INDEX scans_by_status ON scans(status, seq);
                CREATE TABLE scan_events (
                    scan_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    data TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (scan_id, seq)
                );
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    key_hash TEXT NOT NULL,
                    prefix TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    created_by TEXT,
                    expires_at TEXT,
                    last_used_at TEXT,
                    revoked_at TEXT
                );
                CREATE TABLE finding_states (
                    fingerprint TEXT PRIMARY KEY,
                    status TEXT NOT NULL,
                    note TEXT,
                    expires TEXT,
                    updated_at TEXT NOT NULL,
                    updated_by TEXT
                );
                CREATE TABLE finding_state_history (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    fingerprint TEXT NOT NULL,
                    status TEXT NOT NULL,
                    note TEXT,
                    expires TEXT,
                    changed_at TEXT NOT NULL,
                    changed_by TEXT
                );
                CREATE INDEX finding_state_history_by_fingerprint ON finding_state_history(fingerprint, seq);
                CREATE TABLE finding_comments (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    fingerprint TEXT NOT NULL,
                    text TEXT NOT NULL,
                    author TEXT,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX finding_comments_by_fingerprint ON finding_comments(fingerprint, seq);
                CREATE TABLE notifications (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    title TEXT NOT NULL,
                    body TEXT,
                    link TEXT,
                    severity TEXT NOT NULL,
                    scan_id TEXT,
                    created_at TEXT NOT NULL,
                    read_at TEXT
                );
                CREATE INDEX notifications_unread ON notifications(read_at, seq);
                CREATE TABLE webhooks (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    url TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    event_filter TEXT NOT NULL,
                    enabled INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE webhook_deliveries (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                    event TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempt INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    response_code INTEGER,
                    response_body TEXT,
                    error TEXT
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
                CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, seq);
                ALTER TABLE runs ADD COLUMN vulndb_summary TEXT;
                """)
            // Every run stored so far was a command-line scan that completed.
            let rows = try Row.fetchAll(db, sql: """
                SELECT runs.seq AS seq, runs.id AS id, runs.started_at AS started_at, runs.finished_at AS finished_at,
                       targets.name AS target, COALESCE(targets.path, '') AS path
                FROM runs JOIN targets ON targets.id = runs.target_id ORDER BY runs.seq
                """)
            for row in rows {
                let seq: Int64 = row["seq"]
                let types = try String.fetchAll(db, sql: "SELECT DISTINCT scan_type FROM scanner_runs WHERE run_seq = ? ORDER BY scan_type", arguments: [seq])
                try db.execute(
                    sql: """
                        INSERT INTO scans (id, target, target_path, scan_types, status, origin, created_at, started_at, completed_at, run_seq)
                        VALUES (?, ?, ?, ?, 'completed', 'cli', ?, ?, ?, ?)
                        """,
                    arguments: [row["id"], row["target"], row["path"], JSONColumn.encode(types), row["started_at"], row["started_at"],
                                row["finished_at"], seq])
            }
        }
        migrator.registerMigration("v4 batches, reuse keys") { db in
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN reuse_key TEXT;
                CREATE TABLE batches (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    file TEXT NOT NULL,
                    file_digest TEXT NOT NULL,
                    shard TEXT NOT NULL,
                    status TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    exit_code INTEGER
                );
                CREATE INDEX batches_by_file ON batches(file, shard, status);
                CREATE TABLE batch_targets (
                    batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
                    target TEXT NOT NULL,
                    path TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    scan_id TEXT,
                    error TEXT,
                    updated_at TEXT,
                    PRIMARY KEY (batch_id, target)
                );
                """)
        }
        // One B-tree instead of a table and its primary-key index: saving a run upserts every fingerprint
        // it observed, and at 100,000 findings the second tree cost about a quarter of a second.
        migrator.registerMigration("v5 target fingerprints without rowid") { db in
            try db.execute(sql: """
                CREATE TABLE target_fingerprints_v5 (
                    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL,
                    first_run_seq INTEGER NOT NULL,
                    last_run_seq INTEGER NOT NULL,
                    PRIMARY KEY (target_id, fingerprint)
                ) WITHOUT ROWID;
                INSERT INTO target_fingerprints_v5 (target_id, fingerprint, first_run_seq, last_run_seq)
                    SELECT target_id, fingerprint, first_run_seq, last_run_seq FROM target_fingerprints ORDER BY target_id, fingerprint;
                DROP TABLE target_fingerprints;
                ALTER TABLE target_fingerprints_v5 RENAME TO target_fingerprints;
                """)
        }
        // A run's rows are found by a small index on the run, appended to in order as a run is saved, and
        // a finding's history by one index on (fingerprint, run), which also keeps a fingerprint once per
        // run. The primary key on (run, fingerprint) was a second index of 70-byte keys inserted in random
        // order: 100,000 inserts ~18 % faster without it. Row ids, the canonical order, are kept.
        migrator.registerMigration("v6 findings indexed by run and by fingerprint") { db in
            let columns = """
                run_seq, fingerprint, assessment, scanner, scan_type, rule_id, severity, original_severity, title, description, path,
                start_line, end_line, start_column, end_column, cwes, aliases, remediation, refs, evidence, properties, reported_by,
                suppression_source, suppression_reason, suppression_expires, change
                """
            try db.execute(sql: """
                CREATE TABLE findings_v6 (
                    run_seq INTEGER NOT NULL REFERENCES runs(seq) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL,
                    assessment TEXT NOT NULL,
                    scanner TEXT NOT NULL,
                    scan_type TEXT NOT NULL,
                    rule_id TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    original_severity TEXT,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL,
                    path TEXT,
                    start_line INTEGER,
                    end_line INTEGER,
                    start_column INTEGER,
                    end_column INTEGER,
                    cwes TEXT NOT NULL,
                    aliases TEXT NOT NULL,
                    remediation TEXT,
                    refs TEXT NOT NULL,
                    evidence TEXT,
                    properties TEXT NOT NULL,
                    reported_by TEXT NOT NULL,
                    suppression_source TEXT,
                    suppression_reason TEXT,
                    suppression_expires TEXT,
                    change TEXT
                );
                INSERT INTO findings_v6 (rowid, \(columns)) SELECT rowid, \(columns) FROM findings ORDER BY rowid;
                DROP TABLE findings;
                ALTER TABLE findings_v6 RENAME TO findings;
                CREATE INDEX findings_by_run ON findings(run_seq);
                CREATE UNIQUE INDEX findings_by_fingerprint ON findings(fingerprint, run_seq);
                """)
        }
        // Batch targets and API scans claimed by whichever process takes them (a shared store's hosts),
        // each claim a lease in seconds since 1970 by the database's clock, renewed while the work runs.
        migrator.registerMigration("v7 batch target and scan claims") { db in
            try db.execute(sql: """
                ALTER TABLE scans ADD COLUMN claimed_by TEXT;
                ALTER TABLE scans ADD COLUMN lease_until REAL;
                ALTER TABLE batch_targets ADD COLUMN claimed_by TEXT;
                ALTER TABLE batch_targets ADD COLUMN lease_until REAL;
                ALTER TABLE batch_targets ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX batch_targets_pending ON batch_targets(batch_id, status, position);
                """)
        }
        // A run's artifact files kept in the store (a shared store's runs: no replica reads another's disk),
        // content-addressed: each distinct file once, by its SHA-256, in chunks read one at a time.
        migrator.registerMigration("v8 artifact blobs") { db in
            try db.execute(sql: """
                CREATE TABLE artifact_blobs (
                    digest TEXT PRIMARY KEY NOT NULL,
                    size INTEGER NOT NULL,
                    chunks INTEGER NOT NULL
                );
                CREATE TABLE artifact_chunks (
                    digest TEXT NOT NULL REFERENCES artifact_blobs(digest) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (digest, position)
                );
                CREATE TABLE run_artifacts (
                    run_seq INTEGER NOT NULL REFERENCES runs(seq) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    digest TEXT NOT NULL REFERENCES artifact_blobs(digest),
                    size INTEGER NOT NULL,
                    PRIMARY KEY (run_seq, name)
                );
                CREATE INDEX run_artifacts_by_digest ON run_artifacts(digest);
                """)
        }
        migrator.registerMigration("v9 not-affected justifications") { db in
            try db.execute(sql: """
                ALTER TABLE findings ADD COLUMN suppression_justification TEXT;
                ALTER TABLE finding_states ADD COLUMN justification TEXT;
                ALTER TABLE finding_state_history ADD COLUMN justification TEXT;
                """)
        }
        migrator.registerMigration("v10 component properties") { db in
            try db.execute(sql: "ALTER TABLE components ADD COLUMN properties TEXT NOT NULL DEFAULT '{}'")
        }
        migrator.registerMigration("v11 skipped report entries") { db in
            try db.execute(sql: "ALTER TABLE scanner_runs ADD COLUMN skipped_entries INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v12 run notes") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '[]'")
        }
        return migrator
    }
}
