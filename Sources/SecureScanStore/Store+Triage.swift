import Foundation
import SecureScanCore

/// Triage: one current verdict per fingerprint, with every change kept, and comments.
extension Store {
    /// A comment on a finding.
    public struct Comment: Sendable, Hashable {
        public var id: String
        public var fingerprint: Fingerprint
        public var text: String
        public var author: String?
        public var createdAt: String
    }

    /// Whether any run ever stored a finding with this fingerprint.
    public func knowsFingerprint(_ fingerprint: Fingerprint) throws(StoreError) -> Bool {
        // The findings' fingerprint index answers almost every call; the target fingerprints, which have no
        // index by fingerprint alone, only for a fingerprint whose runs were all pruned.
        try read { db in
            try db.value(Int.self, "SELECT 1 FROM findings WHERE fingerprint = ? LIMIT 1", [fingerprint.rawValue]) != nil
                || db.value(Int.self, "SELECT 1 FROM target_fingerprints WHERE fingerprint = ? LIMIT 1", [fingerprint.rawValue]) != nil
        }
    }

    /// Sets (replaces) the verdict on a fingerprint and appends it to the history.
    public func setVerdict(_ verdict: TriageVerdict) throws(StoreError) {
        try write { db in
            try db.execute("""
                    INSERT INTO finding_states (fingerprint, status, note, expires, updated_at, updated_by, justification)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(fingerprint) DO UPDATE SET status = excluded.status, note = excluded.note, expires = excluded.expires,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by, justification = excluded.justification
                    """, [verdict.fingerprint.rawValue, verdict.status.rawValue, verdict.note, verdict.expires, verdict.updatedAt,
                            verdict.updatedBy, verdict.justification?.rawValue])
            try db.execute("""
                INSERT INTO finding_state_history (fingerprint, status, note, expires, changed_at, changed_by, justification)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [verdict.fingerprint.rawValue, verdict.status.rawValue, verdict.note, verdict.expires, verdict.updatedAt,
                      verdict.updatedBy, verdict.justification?.rawValue])
        }
    }

    static func verdict(row: SQLRow, time: String = "updated_at", by: String = "updated_by") -> TriageVerdict {
        TriageVerdict(
            fingerprint: Fingerprint(rawValue: row["fingerprint"]), status: TriageStatus(rawValue: row["status"]) ?? .open,
            note: row["note"], expires: row["expires"], updatedAt: row[time], updatedBy: row[by],
            justification: (row["justification"] as String?).flatMap(VEXJustification.init(rawValue:)))
    }

    /// The current verdicts on these fingerprints (all of them when `fingerprints` is nil).
    public func verdicts(for fingerprints: [Fingerprint]? = nil) throws(StoreError) -> [Fingerprint: TriageVerdict] {
        try read { db in
            var result: [Fingerprint: TriageVerdict] = [:]
            guard let fingerprints else {
                for row in try db.rows("SELECT * FROM finding_states") {
                    let verdict = Store.verdict(row: row)
                    result[verdict.fingerprint] = verdict
                }
                return result
            }
            // Most stores hold few verdicts and a large run asks about every one of its findings: reading
            // the verdicts and keeping those asked for beats 200 queries of 500 parameters at 100,000.
            let stored = try db.value(Int.self, "SELECT COUNT(*) FROM finding_states") ?? 0
            if stored == 0 { return result }
            if stored <= fingerprints.count {
                let wanted = Set(fingerprints)
                for row in try db.rows("SELECT * FROM finding_states") {
                    let verdict = Store.verdict(row: row)
                    if wanted.contains(verdict.fingerprint) { result[verdict.fingerprint] = verdict }
                }
                return result
            }
            for chunk in stride(from: 0, to: fingerprints.count, by: 500).map({ Array(fingerprints[$0..<min($0 + 500, fingerprints.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try db.rows("SELECT * FROM finding_states WHERE fingerprint IN (\(marks))", (chunk.map(\.rawValue))) {
                    let verdict = Store.verdict(row: row)
                    result[verdict.fingerprint] = verdict
                }
            }
            return result
        }
    }

    /// Every verdict ever set on a fingerprint, oldest first.
    public func verdictHistory(_ fingerprint: Fingerprint) throws(StoreError) -> [TriageVerdict] {
        try read { db in
            try db.rows("SELECT * FROM finding_state_history WHERE fingerprint = ? ORDER BY seq", [fingerprint.rawValue])
                .map { Store.verdict(row: $0, time: "changed_at", by: "changed_by") }
        }
    }

    public func comments(_ fingerprint: Fingerprint) throws(StoreError) -> [Comment] {
        try commentPage(fingerprint, limit: .max).map(\.comment)
    }

    /// A page of a finding's comments, oldest first, after the cursor `after` (a sequence).
    public func commentPage(_ fingerprint: Fingerprint, limit: Int, after: Int64? = nil) throws(StoreError) -> [(position: Int64, comment: Comment)] {
        try read { db in
            try db.rows("SELECT * FROM finding_comments WHERE fingerprint = ? AND seq > ? ORDER BY seq LIMIT ?", [fingerprint.rawValue, after ?? 0, min(limit, Int(Int32.max))])
                .map { ($0["seq"], Comment(id: $0["id"], fingerprint: Fingerprint(rawValue: $0["fingerprint"]), text: $0["text"], author: $0["author"], createdAt: $0["created_at"])) }
        }
    }

    public func addComment(_ fingerprint: Fingerprint, text: String, author: String?, at time: String) throws(StoreError) -> Comment {
        let comment = Comment(id: UUID().uuidString.lowercased(), fingerprint: fingerprint, text: text, author: author, createdAt: time)
        try write { db in
            try db.execute("INSERT INTO finding_comments (id, fingerprint, text, author, created_at) VALUES (?, ?, ?, ?, ?)", [comment.id, fingerprint.rawValue, text, author, time])
        }
        return comment
    }

    /// Deletes one comment of this fingerprint.
    public func deleteComment(id: String, fingerprint: Fingerprint) throws(StoreError) {
        try write { db in
            if try db.execute("DELETE FROM finding_comments WHERE id = ? AND fingerprint = ?", [id, fingerprint.rawValue]) == 0 {
                throw StoreError.unknownComment(id: id)
            }
        }
    }
}
