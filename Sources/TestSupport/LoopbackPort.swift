import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ports for servers that tests start on 127.0.0.1. A port the kernel hands out for a bind to port 0
/// is one nothing listens on now; a random pick can land on a port another test (or an outgoing
/// connection in the ephemeral range) already holds, and the server then never starts.
public enum LoopbackPort {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A loopback TCP port nothing listens on now.
    public static func free() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "cannot open a socket to find a free port (errno \(errno))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0 else { throw Failure(description: "cannot bind a loopback socket to find a free port (errno \(errno))") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
