import GRDB

/// The schema's history. Migrations are named, applied in order, and never edited once released.
enum Migrations {
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
        return migrator
    }
}
