import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanStore

/// A scan's findings: filtered pages (from the cache of immutable runs, or streamed), and comparisons.
extension ScansController {
    func compare(_ request: Request, context: APIContext) async throws -> Response {
        let query = QueryReader(request)
        let idA = try query.required("scan_a"), idB = try query.required("scan_b")
        func scan(_ id: String, _ label: String) throws -> StoredScan {
            do {
                return try services.store.scan(id: id)
            } catch .unknownScan {
                throw ServerError.notFound("Scan \(label) not found: \(id)")
            } catch {
                throw ServerError(error)
            }
        }
        let a = try scan(idA, "A"), b = try scan(idB, "B")
        let runA = try completedRun(a), runB = try completedRun(b)
        let findingsA = try all(runA.id), findingsB = try all(runB.id)
        let inA = Set(findingsA.map(\.fingerprint)), inB = Set(findingsB.map(\.fingerprint))
        let new = findingsB.filter { !inA.contains($0.fingerprint) }
        let fixed = findingsA.filter { !inB.contains($0.fingerprint) }
        let unchanged = findingsB.filter { inA.contains($0.fingerprint) }
        let memo = ComplianceTags.Memo()
        var json = JSONWriter(capacity: 1200 * (findingsA.count + findingsB.count) + 4096)
        func list(_ key: StaticString, _ findings: [Finding], _ scanID: String) {
            json.key(key)
            json.beginArray()
            for finding in findings.canonicallySorted() {
                Representation.write(finding, scanID: scanID, tags: memo.of(finding), state: nil, into: &json)
            }
            json.endArray()
        }
        json.beginObject()
        list("fixed_findings", fixed, a.id)
        list("new_findings", new, b.id)
        json.key("same_target"); json.bool(runA.target == runB.target)
        json.key("scan_a"); try await write([a], into: &json)
        json.key("scan_b"); try await write([b], into: &json)
        json.key("summary")
        json.value(["new_count": .int(new.count), "fixed_count": .int(fixed.count), "unchanged_count": .int(unchanged.count),
                    "risk_delta": .double(((runB.riskScore - runA.riskScore) * 100).rounded() / 100)])
        list("unchanged_findings", unchanged, b.id)
        json.endObject()
        return Response.json(json)
    }

    func all(_ runID: String) throws -> [Finding] {
        try stored { () throws(StoreError) in try services.store.findings(runID: runID, filter: .init(), limit: .max).map(\.finding) }
    }

    func findings(_ request: Request, context: APIContext) async throws -> Response {
        let scan = try load(context)
        let run = try completedRun(scan)
        let query = QueryReader(request)
        let limit = try query.limit(maximum: 10_000)
        let severities = try query.list("severity", allowed: Severity.descending.map(\.rawValue)).map { Set($0.compactMap(Severity.init(rawValue:))) }
        let scanTypes = try query.list("scan_type", allowed: ScanType.allCases.map(\.rawValue)).map { Set($0.compactMap(ScanType.init(rawValue:))) }
        let scanner = query.string("scanner")
        let changes = try query.list("change", allowed: ["new", "unchanged", "reopened"]).map { Set($0.compactMap(DiffStatus.init(rawValue:))) }
        let suppressed = try query.bool("suppressed")
        let compliance = query.string("compliance")
        let triage = try query.list("triage", allowed: TriageStatus.accepted).map { Set($0.compactMap(TriageStatus.init(label:))) }
        let exploitation = ExploitationFilter(knownExploited: try query.bool("kev"), minimumEPSS: try query.probability("min_epss"))
        let after = try query.cursor() ?? 0
        // Large runs (and every run, with the cache off) are streamed from the database page by page, with
        // the filters in SQL.
        if services.configuration.cacheBytes == 0 || run.counts.total + run.suppressed > Self.cachedRunLimit {
            return try streamFindings(request, scanID: scan.id, run: run, limit: limit, after: after, triage: triage, compliance: compliance,
                                      exploitation: exploitation,
                                      filter: Store.FindingFilter(severities: severities, scanTypes: scanTypes, scanners: scanner.map { [$0] },
                                                                  changes: changes, suppressed: suppressed))
        }
        let entries = try cachedFindings(run: run, scanID: scan.id)
        // Triage filtering needs every verdict of the run; otherwise only the page's are read.
        var verdicts: [Fingerprint: TriageVerdict] = [:]
        if triage != nil {
            verdicts = try stored { () throws(StoreError) in try services.store.verdicts(for: entries.map(\.fingerprint)) }
        }
        var page: [CachedFinding] = []
        for entry in entries where entry.position > after {
            if let severities, !severities.contains(entry.severity) { continue }
            if let scanTypes, !scanTypes.contains(entry.scanType) { continue }
            if let scanner, entry.scanner != scanner { continue }
            if let changes, !(entry.change.map(changes.contains) ?? false) { continue }
            if let suppressed, entry.suppressed != suppressed { continue }
            if let compliance, !ComplianceTags.matches(entry.tags, compliance) { continue }
            if let triage, !triage.contains(verdicts[entry.fingerprint]?.status ?? .open) { continue }
            if !exploitation.accepts(knownExploited: entry.knownExploited, epss: entry.epss) { continue }
            page.append(entry)
            if page.count > limit { break }
        }
        let shown = page.prefix(limit)
        if triage == nil {
            verdicts = try stored { () throws(StoreError) in try services.store.verdicts(for: shown.map(\.fingerprint)) }
        }
        var json = JSONWriter(capacity: shown.reduce(16) { $0 + $1.head.count + $1.tail.count + 16 })
        let stateKey = Array(#","state":"#.utf8)
        json.beginArray()
        for entry in shown {
            json.raw(entry.head)
            var state = JSONWriter(capacity: 256)
            Representation.write(verdicts[entry.fingerprint], into: &state)
            json.continuation(stateKey + state.bytes)
            json.continuation(entry.tail)
        }
        json.endArray()
        var headers: HTTPFields = [:]
        if page.count > limit, let last = shown.last { addNextPage(&headers, request: request, cursor: last.position) }
        return Response.json(json, headers: headers)
    }

    /// Runs with more findings than this are not cached whole.
    static let cachedRunLimit = 20_000

    func streamFindings(_ request: Request, scanID: String, run: RunSummary, limit: Int, after: Int64, triage: Set<TriageStatus>?,
                        compliance: String?, exploitation: ExploitationFilter, filter: Store.FindingFilter) throws -> Response {
        let verdictFilter: [Fingerprint: TriageVerdict]? = triage == nil ? nil : try stored { () throws(StoreError) in
            try services.store.verdicts(for: services.store.fingerprints(runID: run.id))
        }
        let memo = ComplianceTags.Memo()
        let page = try stored { () throws(StoreError) in
            try services.store.findings(runID: run.id, filter: filter, after: after, limit: limit + 1) { finding in
                if let compliance, !ComplianceTags.matches(memo.of(finding), compliance) { return false }
                if !exploitation.accepts(
                    knownExploited: finding.properties[KnownExploited.property] == "true",
                    epss: finding.properties[ExploitPrediction.property].flatMap(Double.init)) { return false }
                if let triage, let verdicts = verdictFilter { return triage.contains(verdicts[finding.fingerprint]?.status ?? .open) }
                return true
            }
        }
        let shown = Array(page.prefix(limit))
        let verdicts = try verdictFilter ?? stored { () throws(StoreError) in try services.store.verdicts(for: shown.map(\.finding.fingerprint)) }
        var json = JSONWriter(capacity: 1200 * shown.count + 16)
        json.beginArray()
        for entry in shown {
            Representation.write(entry.finding, scanID: scanID, tags: memo.of(entry.finding), state: .some(verdicts[entry.finding.fingerprint]), into: &json)
        }
        json.endArray()
        var headers: HTTPFields = [:]
        if page.count > limit, let last = shown.last { addNextPage(&headers, request: request, cursor: last.position) }
        return Response.json(json, headers: headers)
    }

    /// Every finding of a run, ready to filter and list: from the cache, or read once and cached (a run's
    /// findings never change). A run too large for the cache is read and serialized for each request.
    func cachedFindings(run: RunSummary, scanID: String) throws -> [CachedFinding] {
        let key = run.id
        if let entries = services.findingsCache.value(key) { return entries }
        let memo = ComplianceTags.Memo()
        let rows = try stored { () throws(StoreError) in try services.store.findings(runID: run.id, filter: .init(), limit: .max) }
        let entries = rows.map { Representation.cached($0.finding, position: $0.position, scanID: scanID, tags: memo.of($0.finding)) }
        services.findingsCache.store(entries, bytes: entries.reduce(0) { $0 + $1.head.count + $1.tail.count + 160 }, for: key)
        return entries
    }
}

/// The findings list's `kev` and `min_epss` filters.
struct ExploitationFilter: Sendable {
    var knownExploited: Bool?
    var minimumEPSS: Double?

    func accepts(knownExploited isKnown: Bool, epss: Double?) -> Bool {
        if let knownExploited, knownExploited != isKnown { return false }
        if let minimumEPSS, (epss ?? -1) < minimumEPSS { return false }
        return true
    }
}
