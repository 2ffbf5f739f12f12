import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports

/// `securescan sbom <path>`: an SBOM of a tree or one lockfile, no vulnerability scan, nothing stored.
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Write an SBOM of a directory or a single lockfile (no vulnerability scan, nothing stored).",
        discussion: "Written to stdout unless -o is given. Files that could not be read are listed on stderr.")

    @Argument(help: "A directory, or one lockfile or manifest.")
    var path: String = "."

    @Option(name: .long, help: ArgumentHelp(Formats.catalogs.map(\.id).joined(separator: ", ") + ".", valueName: "format"))
    var format: String = "cyclonedx-json"

    @Option(name: .customLong("cyclonedx-version"), help: ArgumentHelp("CycloneDX specification version: 1.6 or 1.5.", valueName: "version"))
    var cycloneDXVersion: String = CycloneDXVersion.default.rawValue

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("target-name"), help: ArgumentHelp("Name the SBOM gives the scanned software.", valueName: "name"))
    var targetName: String?

    @Option(name: .long, help: ArgumentHelp("Extra .gitignore-style pattern to skip (repeatable).", valueName: "pattern"))
    var exclude: [String] = []

    func validate() throws {
        guard CycloneDXVersion(rawValue: cycloneDXVersion) != nil else {
            throw ValidationError("--cyclonedx-version must be one of \(CycloneDXVersion.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        var pipeline = Pipeline(executablePath: CommandLine.arguments[0])
        try CommandInputs.applySourceDateEpoch(to: &pipeline)
        let result: (data: Data, components: Int, notes: [String])
        do {
            result = try await pipeline.sbom(SBOMRequest(
                path: path, format: format, cycloneDXVersion: CycloneDXVersion(rawValue: cycloneDXVersion)!,
                targetName: targetName, excludes: exclude))
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
        for note in result.notes { Terminal.warning(note) }
        if let output {
            do {
                try result.data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                Terminal.error("cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            FileHandle.standardError.write(Data("\(result.components) components written to \(output)\n".utf8))
        } else {
            Terminal.emit(result.data)
        }
    }
}
