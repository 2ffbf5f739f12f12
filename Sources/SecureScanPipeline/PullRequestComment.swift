import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SecureScanReports

/// Posts `pr-comment.md` on a pull request through GitHub's REST API, or updates the comment an earlier
/// run posted (found by ``PRComment/marker``), so a pull request carries one SecureScan comment however
/// often it is pushed. The token goes in the `Authorization` header only: never in a URL, message or log.
public struct PullRequestComment: Sendable {
    /// `https://api.github.com`, or a GitHub Enterprise server's `…/api/v3` (`GITHUB_API_URL`).
    public var apiURL: String
    /// `owner/repo` (`GITHUB_REPOSITORY`).
    public var repository: String
    public var pullRequest: Int
    public var token: String

    public init(apiURL: String, repository: String, pullRequest: Int, token: String) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.repository = repository
        self.pullRequest = pullRequest
        self.token = token
    }

    /// From GitHub Actions' environment: the API, the repository, the token (`GITHUB_TOKEN`) and the pull
    /// request's number from the event payload (`GITHUB_EVENT_PATH`), unless `pullRequest` is given.
    /// - Throws: ``PipelineError/target(_:)`` naming what is missing.
    public static func fromEnvironment(_ environment: [String: String], pullRequest given: Int?) throws(PipelineError) -> PullRequestComment {
        guard let token = environment["GITHUB_TOKEN"], !token.isEmpty else {
            throw .target("GITHUB_TOKEN is not set: the comment needs a token that may write pull-request comments")
        }
        guard let repository = environment["GITHUB_REPOSITORY"], repository.split(separator: "/").count == 2 else {
            throw .target("GITHUB_REPOSITORY is not set (owner/repo)")
        }
        var number = given
        if number == nil, let path = environment["GITHUB_EVENT_PATH"], let data = FileManager.default.contents(atPath: path),
           let event = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            number = (event["pull_request"] as? [String: Any])?["number"] as? Int ?? event["number"] as? Int
        }
        guard let number else {
            throw .target("no pull request: the event (GITHUB_EVENT_PATH) is not a pull request's, and --pr was not given")
        }
        return PullRequestComment(apiURL: environment["GITHUB_API_URL"] ?? "https://api.github.com", repository: repository,
                                  pullRequest: number, token: token)
    }

    public enum Outcome: Sendable, Equatable {
        case created(id: Int)
        case updated(id: Int)
    }

    /// Creates the comment, or updates the one that carries the marker.
    public func upsert(body: String) async throws(PipelineError) -> Outcome {
        let payload = (try? JSONSerialization.data(withJSONObject: ["body": body])) ?? Data()
        if let existing = try await existingComment() {
            _ = try await send(.PATCH, "/repos/\(repository)/issues/comments/\(existing)", body: payload, expect: 200)
            return .updated(id: existing)
        }
        let created = try await send(.POST, "/repos/\(repository)/issues/\(pullRequest)/comments", body: payload, expect: 201)
        return .created(id: (created as? [String: Any])?["id"] as? Int ?? 0)
    }

    /// The id of the comment an earlier run posted, looking through every page of the pull request's comments.
    func existingComment() async throws(PipelineError) -> Int? {
        for page in 1...100 {
            let comments = try await send(.GET, "/repos/\(repository)/issues/\(pullRequest)/comments?per_page=100&page=\(page)", body: nil, expect: 200)
            guard let list = comments as? [[String: Any]], !list.isEmpty else { return nil }
            if let found = list.first(where: { ($0["body"] as? String)?.hasPrefix(PRComment.marker) == true }) {
                return found["id"] as? Int
            }
            if list.count < 100 { return nil }
        }
        return nil
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data?, expect status: UInt) async throws(PipelineError) -> Any? {
        var request = HTTPClientRequest(url: apiURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/vnd.github+json")
        request.headers.add(name: "X-GitHub-Api-Version", value: "2022-11-28")
        request.headers.add(name: "User-Agent", value: "SecureScan")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let what = "\(method.rawValue) \(apiURL)\(path.split(separator: "?").first ?? "")"
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let data = Data(try await response.body.collect(upTo: 16 << 20).readableBytesView)
            guard response.status.code == status else {
                let message = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["message"] as? String
                throw PipelineError.target("\(what) answered HTTP \(response.status.code)" + (message.map { ": \($0)" } ?? ""))
            }
            return data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .target("\(what) failed: \(error)")
        }
    }
}
