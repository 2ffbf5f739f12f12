import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanScanners
import SecureScanStore

/// `/scans`: queueing, listing, comparing, cancelling and deleting scans, and reading a scan's findings,
/// summary, reports, SBOMs and event stream.
struct ScansController {
    let services: ServerServices

    static let defaultScanTypes: [ScanType] = [.code, .dependency, .iac]
    /// `?format=` names, each to its format's id: every format of the kind and its aliases (``Formats``).
    static let reportFormats = Formats.apiNames(.report)
    /// The report endpoint's media types, from the formats it serves: binary for PDF, text for `text/…`.
    static let reportContent: [String: APISchema] = Dictionary(
        Formats.of(.report).map { format -> (String, APISchema) in
            (format.mediaType, format.mediaType == "application/pdf" ? .string(format: "binary") : format.mediaType.hasPrefix("text/") ? .text : .any)
        }, uniquingKeysWith: { first, _ in first })
    static let sbomFormats = Formats.apiNames(.sbom)

    var endpoints: [Endpoint] {
        let id = Endpoint.Parameter.path("id", "A scan id.")
        let scan = Endpoint.Answer.json(200, "The scan.", .ref("Scan"))
        return [
            Endpoint(.post, "/scans", access: .scope(.write), id: "createScan", tag: "scans", summary: "Queue a scan",
                     description: "Queues a run of the pipeline `securescan scan` runs over a directory inside the server's scan roots; `queue_position` says how many scans start before it. Follow it with `GET /scans/{id}/events`.",
                     body: .ref("ScanRequest"),
                     answers: [.json(200, "The queued scan (status `pending`).", .ref("Scan"), headers: ["Location": "The scan's URL."],
                                     links: Dictionary(uniqueKeysWithValues: ["getScan", "cancelScan", "deleteScan", "getScanSummary", "listScanFindings", "createEventToken"]
                                        .map { ($0, ["id": "$response.body#/id"]) })),
                               .json(400, "The path does not exist or is not a directory.", .ref("Error")),
                               .json(403, "The path is outside the server's scan roots, or the key lacks `write`.", .ref("Error"))],
                     rateLimited: true, handler: create),
            Endpoint(.get, "/scans", access: .scope(.read), id: "listScans", tag: "scans", summary: "List scans, newest first",
                     parameters: [.query("status", .values(ScanStatus.allCases.map(\.rawValue)), "Only scans in this state."),
                                  .query("target", .string(length: 1...200), "Only scans of this target."), .limit, .cursor],
                     answers: [.json(200, "A page of scans.", .list(.ref("Scan")), headers: ["X-Next-Cursor": "The next page's cursor, when there is one."])],
                     handler: list),
            Endpoint(.get, "/scans/compare", access: .scope(.read), id: "compareScans", tag: "scans", summary: "Compare two completed scans by fingerprint",
                     description: "`new_findings` are in scan B and not A, `fixed_findings` in A and not B, `unchanged_findings` in both (B's copy). Identity is the fingerprint, so moved code stays unchanged.",
                     parameters: [.query("scan_a", .string(length: 1...200), "The earlier scan.", required: true),
                                  .query("scan_b", .string(length: 1...200), "The later scan.", required: true)],
                     answers: [.json(200, "The comparison.", .ref("Compare")), .json(404, "A scan does not exist.", .ref("Error")),
                               .json(409, "A scan has no stored run yet.", .ref("Error"))],
                     handler: compare),
            Endpoint(.get, "/scans/{id}", access: .scope(.read), id: "getScan", tag: "scans", summary: "A scan", parameters: [id],
                     answers: [scan], handler: get),
            Endpoint(.delete, "/scans/{id}", access: .scope(.write), id: "deleteScan", tag: "scans",
                     summary: "Delete a finished scan, its findings and its artifact directory", parameters: [id],
                     answers: [.empty(204, "Deleted."), .json(409, "The scan is pending or running; cancel it first.", .ref("Error"))],
                     handler: delete),
            Endpoint(.post, "/scans/{id}/cancel", access: .scope(.write), id: "cancelScan", tag: "scans",
                     summary: "Cancel a pending or running scan (its scanner processes are killed)", parameters: [id],
                     answers: [.json(200, "The cancelled scan.", .ref("Scan")), .json(409, "The scan already finished.", .ref("Error"))],
                     handler: cancel),
            Endpoint(.get, "/scans/{id}/findings", access: .scope(.read), id: "listScanFindings", tag: "scans",
                     summary: "A scan's findings with their triage state, in canonical order (worst first)",
                     parameters: [id,
                                  .query("severity", .commaList(Severity.descending.map(\.rawValue)), "Comma-separated severities (critical,high,…)."),
                                  .query("scan_type", .commaList(ScanType.allCases.map(\.rawValue)), "Comma-separated scan types."),
                                  .query("scanner", .string(length: 1...100), "Only this scanner's findings."),
                                  .query("compliance", .string(length: 1...100), "A compliance tag, framework id or control id (`A07`)."),
                                  .query("change", .commaList(["new", "unchanged", "reopened"]), "Comma-separated: new, unchanged, reopened."),
                                  .query("suppressed", .boolean, "true: only suppressed; false: only open (default: both)."),
                                  .query("triage", .commaList(TriageStatus.accepted), "Comma-separated triage states (open = no verdict)."),
                                  .query("kev", .boolean, "true: only vulnerabilities in CISA's Known Exploited Vulnerabilities catalog; false: only the others."),
                                  .query("min_epss", .number(minimum: 0, maximum: 1), "Only vulnerabilities whose EPSS probability is at least this."),
                                  .limit, .cursor],
                     answers: [.json(200, "A page of findings.", .list(.ref("FindingWithState")),
                                     headers: ["X-Next-Cursor": "The next page's cursor, when there is one."]),
                               .json(409, "The scan has no stored run yet.", .ref("Error"))],
                     handler: findings),
            Endpoint(.get, "/scans/{id}/summary", access: .scope(.read), id: "getScanSummary", tag: "scans",
                     summary: "Severity counts, risk score, scanners run, skipped and failed, timing", parameters: [id],
                     answers: [.json(200, "The summary.", .ref("ScanSummary"))], handler: summary),
            Endpoint(.get, "/scans/{id}/report", access: .scope(.read), id: "getScanReport", tag: "scans",
                     summary: "The run's stored report (rendered from the database if the file is missing)",
                     parameters: [id, .query("format", .values(Self.reportFormats.keys.sorted()), "Default html.")],
                     answers: [Endpoint.Answer(status: 200, description: "The report.", content: Self.reportContent),
                               .json(409, "The scan has no stored run yet.", .ref("Error"))],
                     handler: report),
            Endpoint(.get, "/scans/{id}/sbom", access: .scope(.read), id: "getScanSBOM", tag: "scans",
                     summary: "The run's SBOM: CycloneDX 1.6 or SPDX 2.3; or its OpenVEX document",
                     parameters: [id, .query("format", .values(Self.sbomFormats.keys.sorted()), "Default cyclonedx (JSON); `openvex` (or `vex`) for vex.openvex.json.")],
                     answers: [Endpoint.Answer(status: 200, description: "The SBOM or VEX document.", content: [
                        "application/vnd.cyclonedx+json": .any, "application/vnd.cyclonedx+xml": .text, "application/spdx+json": .any,
                        "text/spdx": .text, "application/json": .any]),
                               .json(404, "No such scan, or (`openvex`) the run found no vulnerability in a package.", .ref("Error")),
                               .json(409, "The scan has no stored run yet.", .ref("Error"))],
                     handler: sbom),
            Endpoint(.get, "/scans/{id}/events", access: .scope(.read), id: "streamScanEvents", tag: "scans",
                     summary: "Server-sent events: scan.start, scanner.*, findings.new, scan.complete/failed/cancelled",
                     description: "Each frame carries `id:` (its sequence); reconnect with `Last-Event-ID` to resume. Browsers may pass `?event_token=` from `POST /scans/{id}/event-token` instead of a header.",
                     parameters: [id, .query("event_token", .string(length: 1...1000), "A token from `POST /scans/{id}/event-token`."),
                                  .query("last_event_id", .integer(minimum: 0), "Resume after this event (like the Last-Event-ID header).")],
                     answers: [Endpoint.Answer(status: 200, description: "The event stream.", content: ["text/event-stream": .text])],
                     acceptsEventToken: true, handler: events),
            Endpoint(.post, "/scans/{id}/event-token", access: .scope(.read), id: "createEventToken", tag: "scans",
                     summary: "A 5-minute token for this scan's event stream", parameters: [id],
                     answers: [.json(200, "The token.", .ref("EventToken"), headers: ["Cache-Control": "`no-store`."])],
                     mutates: false, handler: eventToken),
        ]
    }

    // MARK: - Handlers

    func create(_ request: Request, context: APIContext) async throws -> Response {
        guard let queue = services.queue else { throw ServerError(.methodNotAllowed, "this server is read-only") }
        let body = try await BodyReader.read(request, context: context,
                                             known: ["target_path", "scan_types", "scanners", "target_name", "target_url", "target_host"])
        let path = try body.string("target_path", required: true, length: 1...4096)!
        let root = try resolveTarget(path)
        let types = try body.strings("scan_types", allowed: ScanType.allCases.map(\.rawValue), minimum: 1, maximum: 6)
            .map { Array(Set($0.compactMap(ScanType.init(rawValue:)))).sorted { $0.rawValue < $1.rawValue } } ?? Self.defaultScanTypes
        let scanners = try body.strings("scanners", minimum: 1, maximum: 50)
        if let scanners {
            for scanner in scanners where services.scanner(scanner) == nil {
                throw ServerError.invalid("field 'scanners': unknown scanner '\(scanner)' (known: \(services.scanners.map(\.id).joined(separator: ", ")))")
            }
        } else if services.scannerIDs(for: types).isEmpty {
            throw ServerError.invalid("field 'scan_types': no registered scanner does \(types.map(\.rawValue).joined(separator: ", ")) (registered: \(services.scanners.map { "\($0.id) (\($0.scanType.rawValue))" }.joined(separator: ", ")))")
        }
        let name = try body.string("target_name", length: 1...100)
        if let name, let problem = TargetConfig.nameProblem(name) { throw ServerError.invalid("field 'target_name': \(problem)") }
        let time = services.now()
        let scan = StoredScan(
            id: Pipeline.defaultRunID(time), target: name, targetPath: root, scanTypes: scanners.map { ids in
                Array(Set(ids.compactMap { services.scanner($0)?.scanType })).sorted { $0.rawValue < $1.rawValue }
            } ?? types, scanners: scanners, targetURL: try body.string("target_url", length: 1...2048),
            targetHost: try body.string("target_host", length: 1...255), status: .pending, origin: .api,
            requestedBy: context.principal?.id, createdAt: ServerTime.timestamp(time))
        try stored { () throws(StoreError) in try services.store.insertScan(scan) }
        // Read before it is queued: the answer is the queued scan, which a free worker may start at once.
        let saved = try stored { () throws(StoreError) in try services.store.scan(id: scan.id) }
        let position = await queue.enqueue(scan.id)
        let running = await queue.isRunning(scan.id)
        var json = JSONWriter()
        Representation.write(saved, scannerRuns: [], queuePosition: running ? nil : position, site: nil, into: &json)
        return Response.json(json, headers: [.location: "/api/v1/scans/\(scan.id)"])
    }

    /// The directory a request names, resolved, checked to exist and to lie inside a scan root.
    func resolveTarget(_ path: String) throws -> String {
        let url = services.underRoots(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ServerError.badRequest("Path does not exist: \(path)")
        }
        guard isDirectory.boolValue else { throw ServerError.badRequest("Path is not a directory: \(path)") }
        let resolved = url.resolvingSymlinksInPath().path
        let roots = services.roots
        guard roots.contains(where: { resolved == $0 || resolved.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
            throw ServerError.forbidden("\(path) is outside the server's scan roots (\(roots.joined(separator: ", "))); start `securescan serve` with --root to allow it")
        }
        return resolved
    }

    func list(_ request: Request, context: APIContext) async throws -> Response {
        let query = QueryReader(request)
        let limit = try query.limit()
        let status = try query.string("status").map { text in
            guard let status = ScanStatus(rawValue: text) else {
                throw ServerError.invalid("query parameter 'status': '\(text)' is not one of \(ScanStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        let before = try query.cursor()
        let heads = try stored { () throws(StoreError) in
            try services.store.scanHeads(limit: limit + 1, before: before.map(Int.init), status: status, target: query.string("target"))
        }
        let page = Array(heads.prefix(limit))
        // Completed scans never change: their JSON comes from the cache; the others are read in full.
        var cached = services.scanCache.values(page.lazy.filter { $0.status == .completed }.map(\.id))
        let missing = try stored { () throws(StoreError) in try services.store.scans(ids: page.map(\.id).filter { cached[$0] == nil }) }
        for (id, bytes) in try await serialize(missing) { cached[id] = bytes }
        var json = JSONWriter(capacity: cached.values.reduce(16) { $0 + $1.count + 1 })
        json.beginArray()
        for head in page {
            if let bytes = cached[head.id] { json.raw(bytes) }
        }
        json.endArray()
        var headers: HTTPFields = [:]
        if heads.count > limit, let last = page.last { addNextPage(&headers, request: request, cursor: Int64(last.sequence)) }
        return Response.json(json, headers: headers)
    }

    /// Scans as JSON, with their scanner runs (one query for them all) and queue positions; completed
    /// ones are cached.
    func serialize(_ scans: [StoredScan]) async throws -> [String: [UInt8]] {
        let runs = try stored { () throws(StoreError) in try services.store.scannerRuns(runIDs: scans.filter { $0.run != nil }.map(\.id)) }
        var result: [String: [UInt8]] = [:]
        for scan in scans {
            let position = scan.status == .pending ? await services.queue?.position(of: scan.id) : nil
            var json = JSONWriter(capacity: 1536)
            Representation.write(scan, scannerRuns: runs[scan.id] ?? [], queuePosition: position,
                                 site: services.siteURL(run: scan.run), into: &json)
            if scan.status == .completed { services.scanCache.store(json.bytes, bytes: json.bytes.count + 64, for: scan.id) }
            result[scan.id] = json.bytes
        }
        return result
    }

    /// Scans as JSON, in order.
    func write(_ scans: [StoredScan], into json: inout JSONWriter) async throws {
        let serialized = try await serialize(scans)
        for scan in scans { json.raw(serialized[scan.id] ?? []) }
    }

    func get(_ request: Request, context: APIContext) async throws -> Response {
        let scan = try load(context)
        var json = JSONWriter()
        try await write([scan], into: &json)
        return Response.json(json)
    }

    func load(_ context: APIContext) throws -> StoredScan {
        let id = context.pathParameter("id")
        return try stored { () throws(StoreError) in try services.store.scan(id: id) }
    }

    /// The scan's run id, or 409 while it has none.
    func completedRun(_ scan: StoredScan) throws -> RunSummary {
        guard let run = scan.run else {
            throw ServerError.conflict("Scan \(scan.id) is \(scan.status.rawValue): it has no stored run" + (scan.status.isTerminal ? "" : " yet"))
        }
        return run
    }

    func delete(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        let deleted = try stored { () throws(StoreError) in try services.store.deleteScan(id: id) }
        // The artifacts go too, and the site's pages and `latest` link follow (failing to refresh them never
        // undoes the deletion: the database is the record).
        if let run = deleted.run, let directory = run.artifactsDirectory, services.siteURL(artifactsDirectory: directory) != nil {
            let templates = try? await services.templates.load()
            try? Pipeline.removeRun(directory: directory, target: run.target, store: services.store,
                                    outputRoot: services.configuration.outputRoot, templates: templates)
        }
        return .noContent
    }

    func cancel(_ request: Request, context: APIContext) async throws -> Response {
        let scan = try load(context)
        guard !scan.status.isTerminal else { throw ServerError.conflict("Cannot cancel scan in '\(scan.status.rawValue)' state") }
        let time = services.timestamp
        let changed = try stored { () throws(StoreError) in
            try services.store.finishScan(id: scan.id, status: .cancelled, error: PipelineError.cancelled.description, at: time,
                                          event: ScanEvent(.scanCancelled, at: time))
        }
        guard changed else {
            let now = try stored { () throws(StoreError) in try services.store.scan(id: scan.id) }
            throw ServerError.conflict("Cannot cancel scan in '\(now.status.rawValue)' state")
        }
        await services.queue?.cancel(scan.id)
        return try await get(request, context: context)
    }
}
