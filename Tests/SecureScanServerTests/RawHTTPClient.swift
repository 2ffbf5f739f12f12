import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP client for what an HTTP library will not send: conflicting lengths, oversized heads,
/// requests dripped a byte at a time. Blocking, on the calling thread; every wait is bounded.
struct RawHTTPClient {
    let port: Int

    struct Exchange {
        var response: String
        /// The server closed the connection (read returned 0 or the connection was reset).
        var closed: Bool
        var elapsed: Double
    }

    /// Sends `parts` (waiting `pause` seconds between them), then reads until the server closes the
    /// connection or `wait` seconds pass.
    func exchange(_ parts: [[UInt8]], pause: Double = 0, wait: Double = 5) throws -> Exchange {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.init(rawValue: errno) ?? .ECONNREFUSED) }
        var noSignal: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_KEEPALIVE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
        let started = Date()
        var received: [UInt8] = []
        var closed = false
        for (index, part) in parts.enumerated() {
            if index > 0, pause > 0 { Thread.sleep(forTimeInterval: pause) }
            let sent = part.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                // The server answered and closed while the rest was still on its way (a 408 to a dripped
                // body): the answer is still there to read, as a real client reads it.
                _ = drain(socket, into: &received, for: 0)
                closed = true
                break
            }
            if drain(socket, into: &received, for: 0) { closed = true; break }
        }
        if !closed { closed = drain(socket, into: &received, for: wait) }
        return Exchange(response: String(decoding: received, as: UTF8.self), closed: closed, elapsed: Date().timeIntervalSince(started))
    }

    /// Reads what is there for up to `seconds`; true when the peer closed or reset the connection.
    private func drain(_ socket: Int32, into received: inout [UInt8], for seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        repeat {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let remaining = max(0, Int32(deadline.timeIntervalSinceNow * 1000))
            let ready = poll(&descriptor, 1, remaining)
            if ready <= 0 { return false }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return true }
            received += buffer[..<count]
        } while Date() < deadline
        return false
    }
}
