import Hummingbird
import NIOCore

/// The request context of every route: who is calling (once authenticated) and from where.
struct APIContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by the endpoint wrapper after authentication.
    var principal: Principal?
    /// The peer's IP address, when the connection has one (not for in-process tests).
    let remoteAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies are small JSON documents; anything larger is refused with 413.
    var maxUploadSize: Int { ServerLimits.maximumBodyBytes }
}

enum ServerLimits {
    static let maximumBodyBytes = 256 << 10
    static let defaultPageSize = 50
    static let maximumPageSize = 1000
}
