import ArgumentParser
import Foundation
import SecureScanScanners

/// `securescan install <scanner>…`: installs external scanners from their install plans (a PyPI package
/// into its own virtual environment, or a Debian package), as `POST /dashboard/install/{scanner}` does.
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install external scanners (PyPI packages into their own virtual environments, or Debian packages).",
        discussion: "PyPI tools go to $SECURESCAN_TOOLS (default ~/.cache/securescan/tools), where scans find them without PATH changes.")

    @Argument(help: "Scanner ids (see `securescan status`).")
    var scanners: [String]

    @Option(name: .customLong("tools-dir"), help: ArgumentHelp("Where PyPI tools are installed (default: $SECURESCAN_TOOLS or ~/.cache/securescan/tools).", valueName: "dir"))
    var toolsDirectory: String?

    func validate() throws {
        for id in scanners {
            guard let scanner = Scanners.named(id) else {
                throw ValidationError("unknown scanner '\(id)' (known: \(Scanners.ids.joined(separator: ", ")))")
            }
            if scanner.isBuiltIn { throw ValidationError("'\(id)' is built in: there is nothing to install") }
            if scanner.installPlan == nil {
                throw ValidationError("'\(id)' is in neither PyPI nor Debian: `securescan status` says where to get it")
            }
        }
    }

    func run() async throws {
        let installer = ScannerInstaller(toolsDirectory: toolsDirectory ?? ScannerInstaller.defaultToolsDirectory, timeLimit: 1200)
        var failed = false
        for id in scanners {
            let plan = Scanners.named(id)!.installPlan!
            let result = await installer.install(plan)
            if result.success {
                print("\(id): \(result.message)")
            } else {
                failed = true
                Terminal.error("\(id): \(result.message)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
