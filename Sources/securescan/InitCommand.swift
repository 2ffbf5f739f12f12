import ArgumentParser
import Foundation
import SecureScanPipeline

/// `securescan init`: writes a commented `securescan.yml`.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented securescan.yml.")

    @Argument(help: "Directory to write securescan.yml into.")
    var directory: String = "."

    @Flag(name: .long, help: "Overwrite an existing securescan.yml.")
    var force = false

    func run() async throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("securescan.yml")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            Terminal.error("\(directory) is not a directory")
            throw ExitCode(2)
        }
        if FileManager.default.fileExists(atPath: url.path) && !force {
            Terminal.error("\(url.path) already exists; pass --force to overwrite it")
            throw ExitCode(2)
        }
        do {
            try Data(ConfigTemplate.text.utf8).write(to: url, options: .atomic)
        } catch {
            Terminal.error("cannot write \(url.path): \((error as NSError).localizedDescription)")
            throw ExitCode(2)
        }
        Terminal(json: false).say("Wrote \(url.path). Run `securescan scan \(directory)` to use it.")
    }
}
