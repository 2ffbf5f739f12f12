import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline

/// `securescan config migrate|validate`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check a config file, or migrate a SecureScan (Python) .securescan.yml.",
        subcommands: [Validate.self, Migrate.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a config file as a scan would (default: the one found from the current directory); exit 2 on an error.")

        @Argument(help: "The config file.")
        var file: String?

        func run() async throws {
            guard let file = file ?? ConfigMigration.discover(from: FileManager.default.currentDirectoryPath) else {
                Terminal.error("no securescan.yml, .securescan.yml or .securescan.yaml here or in a parent directory")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            do {
                let warnings = try ConfigMigration.validate(file, today: String(UTCTimestamp.iso8601(Date()).prefix(10)))
                for warning in warnings { FileHandle.standardError.write(Data("warning: \(file): \(warning)\n".utf8)) }
                FileHandle.standardError.write(Data("\(file): valid\(warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")\n".utf8))
            } catch {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the equivalent of a SecureScan (Python) .securescan.yml (scan_types, ignored_rules, semgrep_rules, fail_on_severity).")

        @Argument(help: "The SecureScan (Python) config file.")
        var file: String

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the new config (default: stdout).", valueName: "file"))
        var output: String?

        @Flag(name: .long, help: "Replace --output if it exists.")
        var force = false

        func run() async throws {
            let result: ConfigMigration.Result
            do {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw PipelineError.configUnreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "not readable" : "no such file")
                }
                result = try ConfigMigration.migrate(String(decoding: data, as: UTF8.self), file: file)
            } catch let error as PipelineError {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
            for note in result.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            guard let output else {
                Terminal.emit(Data(result.text.utf8))
                return
            }
            if !force, FileManager.default.fileExists(atPath: output) {
                Terminal.error("\(output) exists; --force replaces it")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            do {
                try Data(result.text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                Terminal.error("cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            FileHandle.standardError.write(Data("wrote \(output)\n".utf8))
        }
    }
}
