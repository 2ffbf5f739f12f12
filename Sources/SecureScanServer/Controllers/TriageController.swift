import Foundation
import Hummingbird
import SecureScanCore
import SecureScanStore

/// `/findings/{fingerprint}`: verdicts (one current, every change kept) and comments. Fingerprints must
/// belong to a stored finding; the author is always the calling key, never a client-supplied name.
struct TriageController {
    let services: ServerServices

    var endpoints: [Endpoint] {
        let fingerprint = Endpoint.Parameter.path("fingerprint", "A finding's fingerprint (`fp1:…`).", schema: .string(length: 1...200))
        return [
            Endpoint(.patch, "/findings/{fingerprint}/state", access: .scope(.write), id: "setFindingState", tag: "triage",
                     summary: "Set or replace the verdict on a finding",
                     description: "`false_positive`, `wont_fix`, `not_affected` and unexpired `accepted_risk` suppress the finding in later runs (kept, marked `triage`). `not_affected` takes a `justification` and is written to the run's OpenVEX document.",
                     parameters: [fingerprint], body: .ref("FindingStateRequest"),
                     answers: [.json(200, "The verdict.", .ref("FindingState"))], handler: setState),
            Endpoint(.get, "/findings/{fingerprint}/state", access: .scope(.read), id: "getFindingState", tag: "triage",
                     summary: "The current verdict and every earlier one", parameters: [fingerprint],
                     answers: [.json(200, "The verdict history.", .ref("FindingStateHistory"))], handler: getState),
            Endpoint(.post, "/findings/verdicts", access: .scope(.read), id: "lookUpVerdicts", tag: "triage",
                     summary: "The current verdicts on many findings at once",
                     description: "For `securescan diff --publish`, which judges a change with this server's verdicts. Fingerprints without a verdict are left out; unknown ones are not an error.",
                     body: .ref("VerdictLookup"), answers: [.json(200, "The verdicts found.", .record(["verdicts": .list(.ref("FindingState"))]))],
                     mutates: false, handler: lookUp),
            Endpoint(.get, "/findings/{fingerprint}/comments", access: .scope(.read), id: "listFindingComments", tag: "triage",
                     summary: "Comments on a finding, oldest first", parameters: [fingerprint, .limit, .cursor],
                     answers: [.json(200, "A page of comments.", .list(.ref("Comment")), headers: ["X-Next-Cursor": "The next page's cursor."])],
                     handler: comments),
            Endpoint(.post, "/findings/{fingerprint}/comments", access: .scope(.write), id: "addFindingComment", tag: "triage",
                     summary: "Comment on a finding", parameters: [fingerprint], body: .ref("CommentRequest"),
                     answers: [.json(201, "The comment.", .ref("Comment"), links: ["deleteFindingComment": [
                         "fingerprint": "$response.body#/fingerprint", "comment_id": "$response.body#/id"]])], handler: addComment),
            Endpoint(.delete, "/findings/{fingerprint}/comments/{comment_id}", access: .scope(.write), id: "deleteFindingComment", tag: "triage",
                     summary: "Delete a comment", parameters: [fingerprint, .path("comment_id", "A comment id.")],
                     answers: [.empty(204, "Deleted.")], handler: deleteComment),
        ]
    }

    func lookUp(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await BodyReader.read(request, context: context, known: ["fingerprints"])
        guard let listed = try body.strings("fingerprints", minimum: 1, maximum: 2_000) else { throw ServerError.invalid("field 'fingerprints' is required") }
        let fingerprints = listed.map(Fingerprint.init(rawValue:))
        let verdicts = try stored { () throws(StoreError) in try services.store.verdicts(for: fingerprints) }
        return Response.json(["verdicts": .array(verdicts.values.sorted { $0.fingerprint.rawValue < $1.fingerprint.rawValue }.map(Representation.verdict))])
    }

    /// The path's fingerprint, which must be one the store has seen.
    func fingerprint(_ context: APIContext) throws -> Fingerprint {
        let fingerprint = Fingerprint(rawValue: context.pathParameter("fingerprint"))
        guard try stored({ () throws(StoreError) in try services.store.knowsFingerprint(fingerprint) }) else {
            throw ServerError.notFound("no stored finding has the fingerprint \(fingerprint.rawValue)")
        }
        return fingerprint
    }

    func setState(_ request: Request, context: APIContext) async throws -> Response {
        let fingerprint = try fingerprint(context)
        let body = try await BodyReader.read(request, context: context, known: ["status", "note", "expires", "justification", "updated_by"])
        let label = try body.string("status", required: true, length: 1...40)!
        guard let status = TriageStatus(label: label) else {
            throw ServerError.invalid("field 'status': '\(label)' is not one of \(TriageStatus.accepted.joined(separator: ", "))")
        }
        let expires = try body.string("expires", length: 10...10)
        if let expires, !Self.isDate(expires) { throw ServerError.invalid("field 'expires' must be a date, YYYY-MM-DD") }
        _ = try body.string("updated_by", length: 0...200)
        let justification = try Self.justification(try body.string("justification", length: 1...80), status: status)
        let verdict = TriageVerdict(fingerprint: fingerprint, status: status, note: try body.string("note", length: 0...4000),
                                    expires: expires, updatedAt: services.timestamp, updatedBy: context.principal?.id,
                                    justification: justification)
        try stored { () throws(StoreError) in try services.store.setVerdict(verdict) }
        return Response.json(Representation.verdict(verdict))
    }

    func getState(_ request: Request, context: APIContext) async throws -> Response {
        let fingerprint = try fingerprint(context)
        let history = try stored { () throws(StoreError) in try services.store.verdictHistory(fingerprint) }
        let current = try stored { () throws(StoreError) in try services.store.verdicts(for: [fingerprint]) }[fingerprint]
        return Response.json(["current": Representation.verdict(current), "history": .array(history.map(Representation.verdict))])
    }

    func comments(_ request: Request, context: APIContext) async throws -> Response {
        let fingerprint = try fingerprint(context)
        let query = QueryReader(request)
        let limit = try query.limit(), after = try query.cursor()
        let rows = try stored { () throws(StoreError) in try services.store.commentPage(fingerprint, limit: limit + 1, after: after) }
        return pagedResponse(rows.map { ($0.position, $0.comment) }, limit: limit, request: request, Representation.comment)
    }

    func addComment(_ request: Request, context: APIContext) async throws -> Response {
        let fingerprint = try fingerprint(context)
        let body = try await BodyReader.read(request, context: context, known: ["text", "author"])
        let text = try body.string("text", required: true, length: 1...10_000)!
        guard !text.trimmingSpaces.isEmpty else { throw ServerError.invalid("field 'text' must not be blank") }
        _ = try body.string("author", length: 0...200)
        let comment = try stored { () throws(StoreError) in
            try services.store.addComment(fingerprint, text: text, author: context.principal?.id, at: services.timestamp)
        }
        return Response.json(Representation.comment(comment), status: .created)
    }

    func deleteComment(_ request: Request, context: APIContext) async throws -> Response {
        let fingerprint = Fingerprint(rawValue: context.pathParameter("fingerprint"))
        let id = context.pathParameter("comment_id")
        try stored { () throws(StoreError) in try services.store.deleteComment(id: id, fingerprint: fingerprint) }
        return .noContent
    }

    /// The justification a verdict takes: one of OpenVEX's five with `not_affected`, none with other statuses.
    static func justification(_ label: String?, status: TriageStatus) throws -> VEXJustification? {
        guard status == .notAffected else {
            if label != nil { throw ServerError.invalid("field 'justification' is only for status 'not_affected'") }
            return nil
        }
        guard let label else {
            throw ServerError.invalid("field 'justification' is required with status 'not_affected': one of \(VEXJustification.labels.joined(separator: ", "))")
        }
        guard let justification = VEXJustification(rawValue: label) else {
            throw ServerError.invalid("field 'justification': '\(label)' is not one of \(VEXJustification.labels.joined(separator: ", "))")
        }
        return justification
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day) && parts[1].count == 2 && parts[2].count == 2
    }
}
