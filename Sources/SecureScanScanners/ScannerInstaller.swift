import Foundation

/// Carries out an ``InstallPlan``: a PyPI package goes into its own virtual environment under the tools
/// directory (`$SECURESCAN_TOOLS`, else `~/.cache/securescan/tools`), a Debian package through apt-get.
/// Processes run through ``ToolRunner`` with a time limit; nothing runs through a shell.
public struct ScannerInstaller: Sendable {
    public struct Result: Sendable, Hashable {
        public var success: Bool
        public var message: String
        /// The installer's output (stdout on success, stderr on failure), cut to 8 KB.
        public var output: String?
    }

    public var toolsDirectory: String
    public var timeLimit: Double

    public init(toolsDirectory: String = ScannerInstaller.defaultToolsDirectory, timeLimit: Double = 600) {
        self.toolsDirectory = toolsDirectory
        self.timeLimit = timeLimit
    }

    public static var defaultToolsDirectory: String {
        if let configured = ProcessInfo.processInfo.environment["SECURESCAN_TOOLS"], !configured.isEmpty { return configured }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/securescan/tools").path
    }

    /// Where a pip-installed tool's executable ends up.
    public func executable(for plan: InstallPlan) -> String {
        "\(toolsDirectory)/\(plan.package)/bin/\(plan.executable)"
    }

    public func install(_ plan: InstallPlan) async -> Result {
        let runner = ToolRunner()
        do {
            switch plan.manager {
            case .pip:
                let environment = "\(toolsDirectory)/\(plan.package)"
                try FileManager.default.createDirectory(atPath: toolsDirectory, withIntermediateDirectories: true)
                if !FileManager.default.fileExists(atPath: environment + "/bin/python3") {
                    _ = try await runner.run(.init(executable: "python3", arguments: ["-m", "venv", environment], timeLimit: 120))
                }
                let output = try await runner.run(.init(
                    executable: environment + "/bin/python3",
                    arguments: ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", plan.requirement], timeLimit: timeLimit))
                guard FileManager.default.isExecutableFile(atPath: executable(for: plan)) else {
                    return Result(success: false, message: "\(plan.requirement) installed but provides no \(plan.executable)", output: Self.clip(output.stdoutText))
                }
                return Result(success: true, message: "installed \(plan.requirement) into \(environment)", output: Self.clip(output.stdoutText))
            case .apt:
                let output = try await runner.run(.init(
                    executable: "apt-get", arguments: ["install", "-y", "-q", plan.requirement],
                    environment: ["DEBIAN_FRONTEND": "noninteractive"], timeLimit: timeLimit))
                return Result(success: true, message: "installed \(plan.requirement) with apt-get", output: Self.clip(output.stdoutText))
            }
        } catch let error as ScannersError {
            return Result(success: false, message: "installing \(plan.requirement) failed: \(error.description)", output: nil)
        } catch {
            return Result(success: false, message: "installing \(plan.requirement) failed: \(error)", output: nil)
        }
    }

    static func clip(_ text: String) -> String? {
        text.isEmpty ? nil : String(text.suffix(8192))
    }
}
