import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline

/// `--publish URL --api-key KEY`: the run judged by, and kept on, a central `securescan serve`.
struct PublishOptions: ParsableArguments {
    static let keyVariable = "SECURESCAN_PUBLISH_KEY"

    @Option(name: .long, help: ArgumentHelp(
        "Send the run to this SecureScan server (https://host[:port]): it is judged against the organization's history there, the gate is that judgment's, and the artifacts are kept there too.",
        valueName: "url"))
    var publish: String?

    @Option(name: .customLong("api-key"), help: ArgumentHelp(
        "With --publish: a key with the write scope (default: $\(PublishOptions.keyVariable), which keeps it out of `ps`).", valueName: "key"))
    var apiKey: String?

    /// The publisher, or nil without `--publish`; a URL or key that cannot be used is a usage error.
    func publisher(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RunPublisher? {
        guard let publish else {
            if apiKey != nil { throw ValidationError("--api-key goes with --publish URL") }
            return nil
        }
        guard let url = URL(string: publish), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host?.isEmpty == false else {
            throw ValidationError("--publish: '\(publish)' is not an http:// or https:// URL of a SecureScan server")
        }
        guard let key = apiKey ?? environment[Self.keyVariable], !key.isEmpty else {
            throw ValidationError("--publish needs a key with the write scope: --api-key KEY or $\(Self.keyVariable)")
        }
        return RunPublisher(server: url, apiKey: key)
    }
}
