import Foundation

/// A real HTTP server on a loopback port (Python's `http.server`), serving a directory, for download tests.
// @unchecked: Foundation's Process is not Sendable; the server only reads its immutable port and, once, terminates it.
package final class LocalHTTPServer: @unchecked Sendable {
    package let port: Int
    private let process: Process

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// Starts the server on a free port (``LoopbackPort``) and waits until it accepts connections.
    package static func start(serving directory: URL) async throws -> LocalHTTPServer {
        try await start { port in ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory.path] }
    }

    /// Starts `python3` with the arguments made for a free port (a server script of the test's own) and
    /// waits until the port accepts connections.
    package static func start(python arguments: (Int) -> [String]) async throws -> LocalHTTPServer {
        let port = try LoopbackPort.free()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments(port)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = LocalHTTPServer(port: port, process: process)
        for _ in 0..<100 {
            if server.accepts() { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "http.server did not start on port \(port)"])
    }

    private func accepts() -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// SIGKILL: a child started from a dispatch thread may inherit a mask that blocks SIGTERM.
    package func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
