import Foundation
import SecureScanCore
import Synchronization

/// An external program an adapter runs: where it is, its version, and how to run it on a target.
///
/// The executable is looked up on `PATH`, then in the tools directory ``ScannerInstaller`` installs into,
/// so `POST /dashboard/install/{scanner}` makes a tool available without touching `PATH`. A tools
/// directory given explicitly is searched first.
public struct ExternalTool: Sendable {
    var executable: String
    /// How to install it from PyPI or Debian; nil when neither has it.
    var plan: InstallPlan?
    /// What to tell a user who lacks it.
    var hint: String
    /// Arguments that make the tool print its version.
    var versionArguments: [String] = ["--version"]
    /// Where the installer keeps tools; nil for ``ScannerInstaller/defaultToolsDirectory``.
    var toolsDirectory: String?
    /// Variables every run of the tool gets (turning off update checks and telemetry, which also keeps
    /// it from waiting on the network).
    var environment: [String: String] = [:]

    init(plan: InstallPlan, versionArguments: [String] = ["--version"], toolsDirectory: String? = nil, environment: [String: String] = [:]) {
        self.executable = plan.executable
        self.plan = plan
        // A PyPI tool installed by `securescan install` lands where scans look for it, without PATH changes.
        self.hint = plan.manager == .pip ? "securescan install \(plan.executable), or \(plan.hint)" : plan.hint
        self.versionArguments = versionArguments
        self.toolsDirectory = toolsDirectory
        self.environment = environment
    }

    /// A tool neither PyPI nor Debian packages: `hint` says where to get it.
    init(executable: String, hint: String, versionArguments: [String] = ["--version"]) {
        self.executable = executable
        self.hint = hint
        self.versionArguments = versionArguments
    }

    /// The executable's absolute path, if it is installed.
    func locate() -> String? {
        // A tools directory given explicitly wins over PATH; the default one is the fallback.
        let installed = plan.flatMap { plan in
            plan.manager == .pip ? ScannerInstaller(toolsDirectory: toolsDirectory ?? ScannerInstaller.defaultToolsDirectory).executable(for: plan) : nil
        }
        if toolsDirectory != nil, let installed, let found = ToolRunner.locate(installed) { return found }
        if let found = ToolRunner.locate(executable) { return found }
        return installed.flatMap { ToolRunner.locate($0) }
    }

    /// Available with its version, or unavailable with the install hint. The version is asked once per
    /// executable file (path and modification time), not on every scan of a batch.
    func availability() async -> ScannerAvailability {
        guard let path = locate() else {
            return .unavailable(reason: "\(executable) is not installed", installHint: hint)
        }
        let key = ExternalTool.cacheKey(path)
        if let known = ExternalTool.versions.withLock({ $0[key] }) { return .available(version: known) }
        do {
            let output = try await ToolRunner().run(.init(executable: path, arguments: versionArguments, environment: environment,
                                                          successCodes: [0, 1, 2], timeLimit: 60))
            let version = ExternalTool.version(in: output.stdoutText + "\n" + output.stderrText) ?? "unknown"
            ExternalTool.versions.withLock { $0[key] = version }
            return .available(version: version)
        } catch {
            return .unavailable(reason: "\(executable) is installed at \(path) but does not run: \(error)", installHint: hint)
        }
    }

    /// Runs the tool on the target, from the target's root, with the target's memory limit for `scanner`.
    func run(_ arguments: [String], on target: ScanTarget, scanner: String, successCodes: Set<Int32> = [0, 1],
             environment: [String: String] = [:], workingDirectory: String? = nil) async throws(ScannersError) -> ToolRunner.Output {
        guard let path = locate() else { throw .unavailable(reason: "\(executable) is not installed", installHint: hint) }
        do {
            return try await ToolRunner().run(.init(
                executable: path, arguments: arguments, workingDirectory: workingDirectory ?? target.root,
                environment: self.environment.merging(environment) { _, given in given },
                successCodes: successCodes, timeLimit: 24 * 3600, memoryLimit: target.memoryLimit(for: scanner)))
        } catch .toolExited(_, let code, let stderr) {
            throw .toolExited(tool: executable, code: code, stderr: ExternalTool.head(stderr))
        } catch {
            throw error
        }
    }

    /// Parses a tool's output, turning a parse failure into a failed run that names the tool and shows
    /// the start of its stderr (the usual reason for output that is not a report).
    func parse(_ output: ToolRunner.Output, with parser: any ReportParser, context: ReportContext) throws(ScannersError) -> ParsedReport {
        do {
            return try parser.parse(output.stdout, context: context)
        } catch .invalidReport(_, let reason) {
            let stderr = ExternalTool.head(output.stderrText)
            throw .invalidReport(source: "\(executable) output (exit \(output.exitCode))",
                                 reason: reason + (stderr.isEmpty ? "" : "; stderr: \(stderr)"))
        } catch {
            throw error
        }
    }

    /// The first lines of a tool's error output: enough to say why, short enough for a report.
    static func head(_ text: String, lines: Int = 8) -> String {
        let kept = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(lines).joined(separator: "\n")
        return String(kept.prefix(1500)).trimmingWhitespace()
    }

    /// The first dotted version number in a tool's `--version` output (`semgrep 1.95.0` → `1.95.0`).
    static func version(in text: String) -> String? {
        var best: Substring?
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "(" || $0 == ")" }) {
            let trimmed = word.drop { $0 == "v" || $0 == "V" }
            guard let first = trimmed.first, first.isNumber, trimmed.contains(".") else { continue }
            let version = trimmed.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0.isLetter }
            let parts = version.split(separator: ".")
            if parts.count >= 2, parts.allSatisfy({ $0.first?.isNumber == true }) { best = version; break }
        }
        return best.map { String($0.hasSuffix(".") ? $0.dropLast() : $0) }
    }

    private static let versions = Mutex<[String: String]>([:])

    private static func cacheKey(_ path: String) -> String {
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(modified)"
    }
}
