import Foundation
import HTTPTypes
import Hummingbird
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanStore

/// A scan's summary, its stored artifacts, and its event stream.
extension ScansController {
    func summary(_ request: Request, context: APIContext) async throws -> Response {
        let scan = try load(context)
        let run = scan.run
        let runs = try stored { () throws(StoreError) in try services.store.scannerRuns(runIDs: run == nil ? [] : [scan.id]) }[scan.id] ?? []
        let duration: JSONValue = {
            guard let start = scan.startedAt.flatMap(ServerTime.date), let end = scan.completedAt.flatMap(ServerTime.date) else { return .null }
            return .double(max(end.timeIntervalSince(start), 0))
        }()
        let counts = run?.counts ?? SeverityCounts()
        return Response.json([
            "scan_id": .string(scan.id), "status": .string(scan.status.rawValue), "total_findings": .int(counts.total),
            "critical": .int(counts.critical), "high": .int(counts.high), "medium": .int(counts.medium), "low": .int(counts.low),
            "info": .int(counts.info), "suppressed": .int(run?.suppressed ?? 0), "risk_score": run.map { .double($0.riskScore) } ?? .null,
            "scanners_run": .strings(runs.filter(\.completed).map(\.scanner).sorted()), "scanners_skipped": Representation.skipped(runs),
            "scanners_failed": Representation.failed(runs), "diff": run.map { Representation.diff($0.diff) } ?? .null,
            "gate": run.map { Representation.gate($0.gate) } ?? .null, "started_at": .optional(scan.startedAt),
            "completed_at": .optional(scan.completedAt), "duration_s": duration,
        ])
    }

    func report(_ request: Request, context: APIContext) async throws -> Response {
        try await artifact(request, context: context, formats: Self.reportFormats, defaultFormat: "html")
    }

    func sbom(_ request: Request, context: APIContext) async throws -> Response {
        try await artifact(request, context: context, formats: Self.sbomFormats, defaultFormat: "cyclonedx")
    }

    /// A stored artifact of the run, read from its directory, or rendered from the database when the file
    /// is gone (never written back: that would change a signed artifact set).
    func artifact(_ request: Request, context: APIContext, formats: [String: String], defaultFormat: String) async throws -> Response {
        let query = QueryReader(request)
        let requested = query.string("format")?.lowercased() ?? defaultFormat
        guard let formatID = formats[requested], let format = Formats.named(formatID) else {
            throw ServerError.invalid("query parameter 'format': '\(requested)' is not one of \(formats.keys.sorted().joined(separator: ", "))")
        }
        let scan = try load(context)
        let run = try completedRun(scan)
        var data: Data?
        if let directory = run.artifactsDirectory {
            data = try? Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(format.fileName))
        }
        var headers: HTTPFields = [:]
        let extensionName = format.fileName.split(separator: ".", maxSplits: 1).last.map(String.init) ?? "dat"
        if format.id != "html" {
            headers[.contentDisposition] = "attachment; filename=\"securescan-\(scan.id.prefix(24)).\(extensionName)\""
        }
        let mediaType = format.mediaType.hasPrefix("text/") ? format.mediaType + "; charset=utf-8" : format.mediaType
        // Scanned on another host: the file the store keeps.
        if data == nil, services.store.keepsArtifacts,
           let kept = try stored({ () throws(StoreError) in try services.store.artifacts(runID: run.id) }).first(where: { $0.name == format.fileName }) {
            headers[.contentType] = mediaType
            return StoredArtifactResponse.make(kept, store: services.store, request: request, headers: headers)
        }
        if data == nil {
            let report = try stored { () throws(StoreError) in try services.store.report(runID: run.id) }
            guard format.applies(to: report) else {
                throw ServerError.notFound("scan \(scan.id) has no \(format.fileName): the run found no vulnerability in a package")
            }
            let templates = format.usesTemplates ? try await services.templates.load() : nil
            let history = ((try? services.store.runs(target: run.target, limit: 31)) ?? []).filter { $0.sequence < run.sequence }.reversed()
                .map { RunTrendPoint(runID: $0.id, finishedAt: $0.finishedAt, counts: $0.counts, riskScore: $0.riskScore) }
            do {
                data = try format.render(report, context: RenderContext(templates: templates, history: Array(history)))
            } catch {
                throw ServerError(.internalServerError, error.description)
            }
        }
        return Response.bytes(data ?? Data(), mediaType: mediaType, headers: headers)
    }

    func events(_ request: Request, context: APIContext) async throws -> Response {
        let scan = try load(context)
        return EventStream(store: services.store, scanID: scan.id, after: try EventStream.resumePoint(request)).response
    }

    func eventToken(_ request: Request, context: APIContext) async throws -> Response {
        let scan = try load(context)
        let token = services.eventTokens.mint(scanID: scan.id, keyID: context.principal?.id ?? "", now: services.now())
        return Response.json(["token": .string(token), "expires_in": .int(Int(EventTokens.lifetime))], headers: [.cacheControl: "no-store"])
    }
}
