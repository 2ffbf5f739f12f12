import Foundation
import Hummingbird
import NIOCore

/// The request context of every route: who is calling (once authenticated) and from where.
struct APIContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by the endpoint wrapper after authentication.
    var principal: Principal?
    /// The peer's IP address, when the connection has one (not for in-process tests).
    let remoteAddress: String?
    /// Shuts the connection's input: the server then ends the connection once its answer is written.
    let stopReading: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
        stopReading = { [channel = source.channel] in channel.close(mode: .input, promise: nil) }
    }

    /// A path parameter as the client meant it: percent-decoded (`fp1%3Aab…` is `fp1:ab…`), "" when absent.
    /// The router matches the path as sent, so a client that encodes reserved characters (as URL libraries
    /// do for `:`) must still reach the same resource.
    func pathParameter(_ name: String) -> String {
        guard let raw = parameters.get(name) else { return "" }
        return raw.removingPercentEncoding ?? raw
    }

    /// Request bodies are small JSON documents; anything larger is refused with 413.
    var maxUploadSize: Int { ServerLimits.maximumBodyBytes }
}

enum ServerLimits {
    static let maximumBodyBytes = 256 << 10
    static let defaultPageSize = 50
    static let maximumPageSize = 1000
}
