import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanServer

/// `securescan serve`: the artifact site and the HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the artifact site (/site/) and the HTTP API.",
        discussion: "With --read-only the database is opened read-only and every request that could change something is answered 405.")

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to listen on.", valueName: "port"))
    var port = 8000

    @OptionGroup var storage: StorageOptions

    @Flag(name: .customLong("read-only"), help: "Auditor mode: read everything, change nothing.")
    var readOnly = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        let configuration = ServerConfiguration(
            host: host, port: port, outputRoot: storage.output, databasePath: storage.databasePath, readOnly: readOnly)
        let application: any ApplicationRunner
        do {
            application = try ServerRunner(configuration)
        } catch let error as any CustomStringConvertible & Error {
            Terminal.error(error.description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
        FileHandle.standardError.write(Data("SecureScan serving http://\(host):\(port)/ (site at /site/)\(readOnly ? ", read-only" : "")\n".utf8))
        try await application.run()
    }
}
