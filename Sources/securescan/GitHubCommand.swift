import ArgumentParser
import Foundation
import SecureScanPipeline

/// `securescan github comment`: posts or updates the pull-request comment (`pr-comment.md`).
struct GitHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github", abstract: "Talk to GitHub from CI: post the pull-request comment.", subcommands: [Comment.self])

    struct Comment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post pr-comment.md on the pull request, or update the comment an earlier run posted.",
            discussion: """
                Reads GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL and the pull request's number from \
                GITHUB_EVENT_PATH, as GitHub Actions sets them. The token is sent in a header only, never printed.
                """)

        @Option(name: .long, help: ArgumentHelp("The comment's Markdown (diff --format github-pr-comment writes it).", valueName: "file"))
        var file: String

        @Option(name: .customLong("pr"), help: ArgumentHelp("The pull request's number (default: from the event).", valueName: "n"))
        var pullRequest: Int?

        func run() async throws {
            do {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw PipelineError.configUnreadable(file: file, reason: "no such file")
                }
                let client = try PullRequestComment.fromEnvironment(ProcessInfo.processInfo.environment, pullRequest: pullRequest)
                switch try await client.upsert(body: String(decoding: data, as: UTF8.self)) {
                case .created(let id): FileHandle.standardError.write(Data("posted comment \(id) on \(client.repository)#\(client.pullRequest)\n".utf8))
                case .updated(let id): FileHandle.standardError.write(Data("updated comment \(id) on \(client.repository)#\(client.pullRequest)\n".utf8))
                }
            } catch let error as PipelineError {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
        }
    }
}
