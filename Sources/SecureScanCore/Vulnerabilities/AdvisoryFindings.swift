/// Turns the advisories that affect one component into findings: records that name each other as aliases
/// are one vulnerability (one finding per vulnerability per package), identified by its CVE, else its GHSA,
/// else its OSV id.
public enum AdvisoryFindings {
    /// A record and the entries of it that affect the component.
    public struct Match: Sendable, Hashable {
        public var record: OSVRecord
        public var entries: [OSVRecord.Affected]

        public init(record: OSVRecord, entries: [OSVRecord.Affected]) {
            self.record = record
            self.entries = entries
        }
    }

    /// Findings for `component` from the advisories affecting it, sorted by advisory id.
    public static func findings(for component: Component, matches: [Match]) -> [Finding.Draft] {
        groups(matches).map { finding(for: component, group: $0) }.sorted { $0.ruleID < $1.ruleID }
    }

    /// Alias-connected groups (union-find over ids and aliases).
    static func groups(_ matches: [Match]) -> [[Match]] {
        var parent: [String: String] = [:]
        func find(_ id: String) -> String {
            var node = id
            while let next = parent[node], next != node { node = next }
            return node
        }
        func union(_ a: String, _ b: String) {
            let (x, y) = (find(a), find(b))
            if x != y { parent[max(x, y)] = min(x, y) }
        }
        for match in matches {
            parent[match.record.id] = parent[match.record.id] ?? match.record.id
            for alias in match.record.aliases {
                parent[alias] = parent[alias] ?? alias
                union(match.record.id, alias)
            }
        }
        var grouped: [String: [Match]] = [:]
        for match in matches { grouped[find(match.record.id), default: []].append(match) }
        return grouped.keys.sorted().map { grouped[$0]!.sorted { $0.record.id < $1.record.id } }
    }

    /// CVE, else GHSA, else the smallest id.
    public static func canonicalID(_ ids: Set<String>) -> String {
        ids.filter { $0.hasPrefix("CVE-") }.min() ?? ids.filter { $0.hasPrefix("GHSA-") }.min() ?? ids.min() ?? ""
    }

    static func finding(for component: Component, group: [Match]) -> Finding.Draft {
        let ids = Set(group.flatMap { [$0.record.id] + $0.record.aliases })
        let canonical = canonicalID(ids)
        let rating = rating(group.map(\.record) + [])
        let summary = group.lazy.compactMap(\.record.summary).first { !$0.isEmpty }
        let details = group.lazy.compactMap(\.record.details).first { !$0.isEmpty } ?? summary ?? ""
        let fix = AdvisoryMatcher.lowestFix(group.flatMap(\.entries), above: component.version, ecosystem: component.ecosystem)
        let versionText = component.version.isEmpty ? "" : " \(component.version)"
        var properties: [String: String] = [
            "purl": component.purl, "package": component.name, "installed_version": component.version,
            "ecosystem": component.ecosystem, "osv_id": group[0].record.id,
            "osv_ids": group.map(\.record.id).joined(separator: ","), "severity_source": rating.source,
        ]
        if let fix { properties["fixed_version"] = fix }
        if let cvss = rating.cvss {
            properties["cvss_vector"] = cvss.vector
            properties["cvss_score"] = String(cvss.score)
            properties["cvss_version"] = cvss.version.rawValue
        }
        var references: [String] = []
        for url in group.flatMap({ $0.record.references.map(\.url) }) where !references.contains(url) { references.append(url) }
        return Finding.Draft(
            ruleID: canonical, severity: rating.severity,
            title: "\(component.name)\(versionText): \(summary ?? canonical)",
            description: details,
            location: Location(path: component.manifestPath),
            identity: .dependency(ecosystem: component.ecosystem, package: component.name, manifestPath: component.manifestPath, advisory: canonical),
            scanType: .dependency,
            cwes: Array(Set(group.flatMap(\.record.cweIDs))).sorted(),
            aliases: ids.subtracting([canonical]).sorted(),
            remediation: fix.map { "Upgrade \(component.name) to \($0) or later." } ?? "No fixed version is known; consider removing or replacing \(component.name).",
            references: references,
            properties: properties)
    }

    /// The severity: the highest CVSS v3.x base score among the records (v4.0 when none has v3), else the
    /// database's own rating, else medium.
    static func rating(_ records: [OSVRecord]) -> (severity: Severity, cvss: CVSSScore?, source: String) {
        let scores = records.flatMap { record in
            (record.severity + record.affected.flatMap(\.severity)).compactMap { CVSSScore(vector: $0.score) }
        }
        let v3 = scores.filter { $0.version != .v4_0 }
        if let best = (v3.isEmpty ? scores : v3).max(by: { $0.score < $1.score }) {
            return (best.severity, best, "cvss")
        }
        for record in records {
            switch record.databaseSeverity?.uppercased() {
            case "CRITICAL": return (.critical, nil, "database")
            case "HIGH": return (.high, nil, "database")
            case "MODERATE", "MEDIUM": return (.medium, nil, "database")
            case "LOW": return (.low, nil, "database")
            default: continue
            }
        }
        return (.medium, nil, "default")
    }
}
