import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanStore

/// Runs published by CI runners (`securescan scan|import --publish`): judged against the central history
/// of their target and stored, then their artifact folder, rendered by the runner from that judgment.
struct RunsController {
    let services: ServerServices

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/runs", access: .scope(.write), id: "publishRun", tag: "runs",
                     summary: "Publish a run a runner made; it is judged against the target's history here",
                     description: """
                        The body is what `securescan scan --publish` sends: the run as the runner judged it, and its gate. The \
                        runner's own triage suppressions are dropped and this store's verdicts applied; the run is compared \
                        with the target's last stored run, the gate evaluated, and the run stored whole (with a `scan.complete` \
                        event and its webhooks). The answer is the result and the judged run, from which the runner renders \
                        its artifacts and sends them to `PUT /runs/{id}/artifacts`. Bodies are limited to `serve --max-publish-mb`.
                        """,
                     body: .ref("RunPublication"),
                     answers: [.json(201, "Stored: the result (diff and gate against the central history) and the judged run.", .ref("PublishedRun"),
                                     headers: ["Location": "The stored run's scan."],
                                     links: ["uploadRunArtifacts": ["id": "$response.body#/result/run_id"], "getScan": ["id": "$response.body#/result/run_id"]]),
                               .json(409, "A run with this id is already stored.", .ref("Error")),
                               .json(413, "The body is larger than the server accepts.", .ref("Error")),
                               .json(415, "The body is not JSON.", .ref("Error"))],
                     handler: publish),
            Endpoint(.put, "/runs/{id}/artifacts", access: .scope(.write), id: "uploadRunArtifacts", tag: "runs",
                     summary: "The artifact folder of a published run",
                     description: """
                        Every file of the run's folder, base64, `manifest.json` among them: nothing is kept unless every file \
                        the manifest lists is there with its size and SHA-256 and no other is (`manifest.sig` aside). A \
                        PostgreSQL store keeps them itself, so every replica serves them; an SQLite one under its output folder.
                        """,
                     parameters: [.path("id", "A published run's id.", schema: .example(.string(length: 1...200), .string(RunExample.run.runID)))],
                     body: .ref("ArtifactUpload"),
                     answers: [.json(200, "These very files were already kept (a repeated upload).", .ref("ArtifactsKept")),
                               .json(201, "Kept.", .ref("ArtifactsKept")),
                               .json(404, "No such run.", .ref("Error")),
                               .json(409, "The run was not published, other artifacts are already kept for it, or the folder's manifest is another run's.", .ref("Error")),
                               .json(413, "The body is larger than the server accepts.", .ref("Error")),
                               .json(415, "The body is not JSON.", .ref("Error"))],
                     handler: upload),
        ]
    }

    func publish(_ request: Request, context: APIContext) async throws -> Response {
        let publication = try await decode(RunPublication.self, request)
        if let problem = Pipeline.problem(with: publication) { throw ServerError.invalid(problem) }
        let store = services.store
        let runID = publication.run.runID
        if (try? store.run(id: runID)) != nil { throw ServerError.conflict("a run with id \(runID) is already stored") }
        let today = String(ServerTime.timestamp(services.now()).prefix(10))
        let judged: RunReport
        do {
            judged = try Pipeline.judgePublished(publication, store: store, today: today)
        } catch {
            if case .store(let failure) = error { throw ServerError(failure) }
            throw ServerError(.internalServerError, error.description)
        }
        let folder = store.keepsArtifacts ? nil
            : URL(fileURLWithPath: services.siteRoot).appendingPathComponent(judged.target.name).appendingPathComponent(runID).path
        let events = [ScanEvent.newSevereFindings(judged, at: judged.finishedAt), ScanEvent.scanComplete(judged, durationMilliseconds: Self.duration(judged), at: judged.finishedAt)]
            .compactMap { $0 }
        try stored { () throws(StoreError) in
            try store.save(judged, targetPath: publication.targetPath, artifactsDirectory: folder, origin: .publish, events: events)
        }
        let result: JSONValue = .object([
            "run_id": .string(judged.runID), "target": .string(judged.target.name), "base_run_id": judged.baseRunID.map(JSONValue.string) ?? .null,
            "counts": Representation.counts(judged.counts), "suppressed": .int(judged.suppressedCount), "risk_score": .double(judged.riskScore),
            "diff": Representation.diff(judged.diff.counts), "gate": Representation.gate(judged.gate),
            "scan_url": .string("/api/v1/scans/\(judged.runID)"),
        ])
        var body = Data("{\"result\":".utf8)
        body.append(contentsOf: result.compactJSONBytes)
        body.append(contentsOf: Data(",\"run\":".utf8))
        body.append(try JSONEncoder().encode(judged))
        body.append(contentsOf: Data("}".utf8))
        return Response.bytes(body, mediaType: "application/json", status: .created, headers: [.location: "/api/v1/scans/\(judged.runID)"])
    }

    func upload(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("id")
        let store = services.store
        let scan = try stored { () throws(StoreError) in try store.scan(id: id) }
        guard scan.origin == .publish, let run = scan.run else {
            throw ServerError.conflict("run \(id) was not published by a runner; only published runs take uploaded artifacts")
        }
        let upload = try await decode(RunArtifactUpload.self, request)
        if let named = Pipeline.manifestRunID(of: upload), named != id {
            throw ServerError.conflict("the folder sent is run '\(named.prefix(200))' (its manifest.json says so), not run '\(id)'")
        }
        // Kept artifacts never change; sending the same folder again (a runner retrying after a lost
        // answer) is answered as the first time was, anything else is a conflict.
        if let kept = try keptDigests(runID: id, run: run) {
            let sent = Dictionary(upload.files.map { ($0.name, Data(base64Encoded: $0.content).map { ContentDigest.sha256(bytes: $0) } ?? "") },
                                  uniquingKeysWith: { first, _ in first })
            guard sent == kept, sent.count == upload.files.count else {
                throw ServerError.conflict("the artifacts of run \(id) are already kept and differ from these; they never change")
            }
            return Response.json(.object(["run_id": .string(id), "files": .int(kept.count),
                                          "site_url": services.siteURL(run: try? store.run(id: id)).map(JSONValue.string) ?? .null]), status: .ok)
        }
        let templates = try? await services.templates.load()
        let kept: Int
        do {
            kept = try Pipeline.keepPublishedArtifacts(upload, runID: id, store: store, outputRoot: URL(fileURLWithPath: services.siteRoot), templates: templates)
        } catch {
            switch error {
            case .target(let problem): throw ServerError.invalid(problem)
            case .store(let failure): throw ServerError(failure)
            default: throw ServerError(.internalServerError, error.description)
            }
        }
        return Response.json(.object(["run_id": .string(id), "files": .int(kept),
                                      "site_url": services.siteURL(run: try? store.run(id: id)).map(JSONValue.string) ?? .null]), status: .created)
    }

    /// Name → SHA-256 of the artifact files kept for the run, or nil when none are kept yet.
    private func keptDigests(runID: String, run: RunSummary) throws -> [String: String]? {
        let store = services.store
        if store.keepsArtifacts {
            let kept = try stored { () throws(StoreError) in try store.artifacts(runID: runID) }
            return kept.isEmpty ? nil : Dictionary(kept.map { ($0.name, $0.digest) }, uniquingKeysWith: { first, _ in first })
        }
        guard let folder = run.artifactsDirectory, FileManager.default.fileExists(atPath: folder) else { return nil }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var digests: [String: String] = [:]
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            digests[name] = ContentDigest.sha256(bytes: data)
        }
        return digests
    }

    /// The body decoded as `type`, within the publish limit: 413 past it, 415 when it is not JSON, 422
    /// naming the member that does not fit.
    private func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        if let contentType = request.headers[.contentType]?.lowercased(), !contentType.hasPrefix("application/json"), !contentType.hasSuffix("+json") {
            throw ServerError(.unsupportedMediaType, "request body must be JSON, sent with Content-Type: application/json (not \(contentType))")
        }
        let limit = services.configuration.publishLimitBytes
        let buffer: ByteBuffer
        do {
            buffer = try await BodyDeadline.collect(request, upTo: limit)
        } catch is BodyDeadline.TooLarge {
            throw ServerError(.contentTooLarge, "request body is larger than \(limit) bytes (serve --max-publish-mb)")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ServerError.invalid("field '\(Self.path(context.codingPath + [key]))' is required")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ServerError.invalid("field '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw ServerError.invalid(context.codingPath.isEmpty ? "request body is not valid JSON" : "field '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch {
            throw ServerError.invalid("request body: \(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    private static func duration(_ report: RunReport) -> Int {
        guard let start = ServerTime.date(report.startedAt), let end = ServerTime.date(report.finishedAt) else { return 0 }
        return Int(max(end.timeIntervalSince(start), 0) * 1000)
    }
}
