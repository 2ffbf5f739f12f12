#!/usr/bin/env python3
"""Copies the runs and findings of a SecureScan (Swift) store into a SecureScan (Python) 0.11.12 database, so
both servers answer from the same data: every run becomes a completed scan, every observed finding a finding
row (fingerprint, severity, location, rule, CWE, metadata). The Python schema is created by its own init_db.

    api_load.py SWIFT_DB PYTHON_DB        (run with SecureScan (Python)'s interpreter)
"""
import asyncio
import json
import os
import sqlite3
import sys
import uuid


def main():
    source, target = sys.argv[1], sys.argv[2]
    os.environ["SECURESCAN_DATABASE_PATH"] = target
    from securescan import database

    database.set_db_path(target)
    asyncio.run(database.init_db())
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    runs = src.execute(
        "SELECT runs.seq, runs.id, targets.path, runs.started_at, runs.finished_at, runs.risk_score,"
        " count_critical + count_high + count_medium + count_low + count_info FROM runs JOIN targets ON targets.id = runs.target_id ORDER BY runs.seq"
    ).fetchall()
    findings = 0
    for seq, run_id, path, started, finished, risk, count in runs:
        scanners = [r[0] for r in src.execute("SELECT scanner FROM scanner_runs WHERE run_seq = ? AND status = 'ran' ORDER BY scanner", (seq,))]
        dst.execute(
            "INSERT INTO scans (id, target_path, scan_types, status, started_at, completed_at, findings_count, risk_score, scanners_run, scanners_skipped)"
            " VALUES (?, ?, ?, 'completed', ?, ?, ?, ?, ?, '[]')",
            (run_id, path or "/", json.dumps(["code"]), started.rstrip("Z"), finished.rstrip("Z"), count, risk, json.dumps(scanners)),
        )
        rows = src.execute(
            "SELECT scanner, scan_type, severity, title, description, path, start_line, end_line, rule_id, cwes, remediation, properties, fingerprint"
            " FROM findings WHERE run_seq = ? AND assessment = 'observed' ORDER BY rowid",
            (seq,),
        ).fetchall()
        for scanner, scan_type, severity, title, description, file_path, start, end, rule, cwes, remediation, properties, fingerprint in rows:
            cwe = (json.loads(cwes) or [None])[0]
            dst.execute(
                "INSERT INTO findings (id, scan_id, scanner, scan_type, severity, title, description, file_path, line_start, line_end, rule_id, cwe,"
                " remediation, metadata, fingerprint, compliance_tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')",
                (str(uuid.uuid4()), run_id, scanner, scan_type, severity, title, description, file_path, start, end, rule, cwe, remediation,
                 properties, fingerprint.removeprefix("fp1:")[:64]),
            )
            findings += 1
    dst.commit()
    print(f"{len(runs)} scans, {findings} findings")


if __name__ == "__main__":
    main()
