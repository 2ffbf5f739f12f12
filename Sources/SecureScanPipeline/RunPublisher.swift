import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SecureScanCore

/// `--publish URL --api-key KEY`: the run sent to `POST /api/v1/runs` of a central `securescan serve`
/// (a key with the write scope), then its artifacts to `PUT /api/v1/runs/{id}/artifacts`. A connection
/// that fails or a 5xx is tried again (three times in all, 1 s and 4 s apart); a 4xx is the server's
/// verdict on the run and is reported as it says.
public struct RunPublisher: RunPublishing {
    public let server: URL
    let apiKey: String
    let timeout: TimeAmount

    /// - Parameter server: the server's address (`https://securescan.example.org`); `/api/v1` is added.
    public init(server: URL, apiKey: String, timeout: TimeAmount = .seconds(300)) {
        self.server = server
        self.apiKey = apiKey
        self.timeout = timeout
    }

    /// The largest answer read (the judged run, findings included).
    static let answerLimit = 512 << 20

    public func judge(_ publication: RunPublication) async throws(PipelineError) -> RunReport {
        let body: Data
        do { body = try JSONEncoder().encode(publication) } catch { throw failure("cannot encode the run: \(error)") }
        let answer = try await send(.POST, path: "runs", body: body, expecting: 201)
        struct Answer: Decodable { var run: RunReport }
        do {
            return try JSONDecoder().decode(Answer.self, from: answer).run
        } catch {
            throw failure("the server's answer is not a judged run this version reads (\(String(describing: error).prefix(300)))")
        }
    }

    public func upload(runID: String, directory: URL) async throws(PipelineError) {
        var files: [RunArtifactUpload.File] = []
        do {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where !name.hasPrefix(".") {
                files.append(.init(name: name, content: try Data(contentsOf: directory.appendingPathComponent(name)).base64EncodedString()))
            }
        } catch {
            throw failure("cannot read the artifacts in \(directory.path): \((error as NSError).localizedDescription)")
        }
        let body: Data
        do { body = try JSONEncoder().encode(RunArtifactUpload(files: files)) } catch { throw failure("cannot encode the artifacts: \(error)") }
        let escaped = runID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? runID
        _ = try await send(.PUT, path: "runs/\(escaped)/artifacts", body: body, expecting: 201)
    }

    public func verdicts(for fingerprints: [Fingerprint]) async throws(PipelineError) -> [Fingerprint: TriageVerdict] {
        var verdicts: [Fingerprint: TriageVerdict] = [:]
        let unique = Array(Set(fingerprints.map(\.rawValue))).sorted()
        // Pages of 2,000 (~140 KB): within the server's ordinary body limit whatever the change's size.
        for start in stride(from: 0, to: unique.count, by: 2_000) {
            let page = Array(unique[start..<min(unique.count, start + 2_000)])
            let body: Data
            do { body = try JSONEncoder().encode(["fingerprints": page]) } catch { throw failure("cannot encode the fingerprints: \(error)") }
            let answer = try await send(.POST, path: "findings/verdicts", body: body, expecting: 200)
            struct State: Decodable {
                var fingerprint: String, status: TriageStatus, note: String?, expires: String?, updated_at: String, updated_by: String?
            }
            struct Answer: Decodable { var verdicts: [State] }
            do {
                for state in try JSONDecoder().decode(Answer.self, from: answer).verdicts {
                    verdicts[Fingerprint(rawValue: state.fingerprint)] = TriageVerdict(
                        fingerprint: Fingerprint(rawValue: state.fingerprint), status: state.status, note: state.note, expires: state.expires,
                        updatedAt: state.updated_at, updatedBy: state.updated_by)
                }
            } catch {
                throw failure("the server's verdicts are not in a form this version reads (\(String(describing: error).prefix(300)))")
            }
        }
        return verdicts
    }

    private func send(_ method: HTTPMethod, path: String, body: Data, expecting status: UInt) async throws(PipelineError) -> Data {
        let url = server.absoluteString.trimmingSuffix("/") + "/api/v1/" + path
        var lastError = ""
        for delay in [0, 1, 4] {
            if delay > 0 { try? await Task.sleep(for: .seconds(delay)) }
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "X-API-Key", value: apiKey)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "securescan/\(ToolInfo.current.version)")
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: timeout)
                let answer = Data((try await response.body.collect(upTo: Self.answerLimit)).readableBytesView)
                if response.status.code == status { return answer }
                let message = Self.message(answer) ?? "HTTP \(response.status.code)"
                lastError = "HTTP \(response.status.code): \(message)"
                // The server's word on this run: sending it again would not change it.
                if response.status.code < 500 { throw failure(lastError) }
            } catch let error as PipelineError {
                throw error
            } catch {
                lastError = "\(error)"
            }
        }
        throw failure(lastError + " (after 3 attempts)")
    }

    /// The `detail` (or `error`) of an error answer.
    static func message(_ data: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return String(data: data.prefix(300), encoding: .utf8)
        }
        return (object["detail"] as? String) ?? (object["error"] as? String)
    }

    private func failure(_ reason: String) -> PipelineError { .publish(url: server.absoluteString, reason: reason) }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
