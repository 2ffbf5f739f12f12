import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanScanners

/// `securescan scan <path>`: one run of one target.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a directory, store the run, write its artifacts and apply the gate.",
        discussion: """
            Artifacts go to <output>/<target>/<run-id>/ (findings.json, findings.sarif, diff.json, summary.md, \
            manifest.json). With SOURCE_DATE_EPOCH set, timestamps are fixed and artifacts are reproducible.
            """)

    @Argument(help: "The directory to scan.")
    var path: String = "."

    @Option(name: .long, help: ArgumentHelp("Config file (default: securescan.yml found upward from the target).", valueName: "file"))
    var config: String?

    @OptionGroup var storage: StorageOptions

    @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

    @OptionGroup(title: "Publish") var publishing: PublishOptions

    @Option(name: .customLong("cyclonedx-version"), help: ArgumentHelp("CycloneDX version of the SBOM artifacts: 1.6 or 1.5.", valueName: "version"))
    var cycloneDXVersion: String = CycloneDXVersion.default.rawValue

    @Option(name: .long, help: ArgumentHelp("Comma-separated scanner ids to run (default: the config's, else all).", valueName: "list"))
    var scanners: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated artifact formats (\(Formats.ids.joined(separator: ", "))).", valueName: "list"))
    var format: String?

    @Option(name: .customLong("target-name"), help: ArgumentHelp("Name to store the target under.", valueName: "name"))
    var targetName: String?

    @Option(name: .long, help: ArgumentHelp("Extra .gitignore-style pattern to skip (repeatable).", valueName: "pattern"))
    var exclude: [String] = []

    @Option(name: .long, help: ArgumentHelp("Directory of report templates to use instead of the built-in ones.", valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Ed25519 private key (PEM) to sign manifest.json with, into manifest.sig.", valueName: "file"))
    var signKey: String?

    @Option(name: .long, help: ArgumentHelp("Baseline of accepted findings (a baseline file, findings.json or SARIF log), over the config's.", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("A VEX document (OpenVEX or CycloneDX) whose not_affected and fixed statements suppress the vulnerabilities they name; repeatable, with the config's `vex:`.", valueName: "file"))
    var vex: [String] = []

    @OptionGroup(title: "Gate")
    var gate: GateOptions

    @Flag(name: .customLong("fail-on-scanner-error"), help: "Exit 3 when a scanner fails or times out.")
    var failOnScannerError = false

    @Flag(name: .long, help: "Print one JSON result object to stdout.")
    var json = false

    @Flag(name: .long, help: "Scan what is staged for the next commit (the index, not the work tree) against HEAD, storing nothing; for pre-commit hooks. The gate counts what the commit adds.")
    var staged = false

    @Flag(name: .long, help: "Also scan every blob in the repository's history for secrets (every branch, tag and remote ref; `--history=main..feature` reads a range). Findings name the commit that added each secret.")
    var history = false

    @Option(name: .customLong("history-range"), help: ArgumentHelp("Revisions whose history --history reads (repeatable; what `--history=RANGE` stands for): a range, branch, tag, commit, --all, --branches, --tags or --remotes.", valueName: "range"))
    var historyRange: [String] = []

    @Option(name: .customLong("target-url"), help: ArgumentHelp("Also check this running site (builtin_dast: security headers, disclosing headers, cookie attributes; zap's target too).", valueName: "url"))
    var targetURL: String?

    @Flag(name: .long, help: "With --target-url: do not verify the site's TLS certificate (a self-signed test server).")
    var insecure = false

    @Flag(name: .long, help: "Also check this machine's configuration (host-baseline: SSH, accounts, password policy, permissions, sudo, cron, kernel settings, listening ports).")
    var host = false

    @Flag(name: .long, help: "Print GitHub Actions workflow commands that annotate the new findings on their lines (stdout; not with --json).")
    var annotations = false

    func validate() throws {
        if annotations, json { throw ValidationError("--annotations and --json both write to stdout; choose one") }
        if staged, history || !historyRange.isEmpty {
            throw ValidationError("--staged scans what the next commit adds; --history reads commits already made: run them separately")
        }
        if staged, publishing.publish != nil {
            throw ValidationError("--staged stores nothing, so there is no run to --publish; publish the scan of the commit instead")
        }
        guard CycloneDXVersion(rawValue: cycloneDXVersion) != nil else {
            throw ValidationError("--cyclonedx-version must be one of \(CycloneDXVersion.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for id in CommandInputs.list(scanners) where Scanners.named(id) == nil {
            throw ValidationError("unknown scanner '\(id)' (known: \(Scanners.ids.joined(separator: ", ")))")
        }
        for id in CommandInputs.list(format) where Formats.named(id) == nil {
            throw ValidationError("unknown format '\(id)' (known: \(Formats.ids.joined(separator: ", ")))")
        }
    }

    func run() async throws {
        let terminal = Terminal(json: json)
        if staged {
            var request = DiffRequest(
                path: path, base: "HEAD", targetName: targetName, configFile: config, scanners: scanners.map { _ in CommandInputs.list(scanners) },
                excludes: exclude, gate: gate.policy(failOnScannerError: failOnScannerError), database: try storage.namedLocation(),
                vulnerabilityDatabase: vulnerabilityDatabase.directory)
            request.staged = true
            request.baselineFile = baseline
            request.vexFiles = vex
            let outcome = try await DiffCommand.judge(request, pipeline: Pipeline(executablePath: CommandLine.arguments[0]))
            try DiffCommand.finish(outcome, terminal: terminal, json: json, annotations: annotations)
        }
        var pipeline = Pipeline(executablePath: CommandLine.arguments[0], progress: { event in
            switch event {
            case .walked(let files, let bytes):
                terminal.say("Scanning \(files) files (\(SummaryPrinter.bytes(bytes)))…")
            case .scannerStarted:
                break
            case .scannerFinished(let run):
                terminal.say("  \(run.scanner): \(SummaryPrinter.status(run))")
            }
        })
        try CommandInputs.applySourceDateEpoch(to: &pipeline)
        let signingKey = try signKey.map { path in
            try KeysCommand.load(path) { pem throws(ReportsError) in try ManifestSignature.SigningKey(pem: pem, file: path) }
        }
        var request = ScanRequest(
            path: path, targetName: targetName, configFile: config, outputRoot: storage.output, database: try storage.location(),
            scanners: scanners.map { _ in CommandInputs.list(scanners) }, formats: format.map { _ in CommandInputs.list(format) },
            gate: gate.policy(failOnScannerError: failOnScannerError),
            excludes: exclude, templatesDirectory: templates, cycloneDXVersion: CycloneDXVersion(rawValue: cycloneDXVersion)!,
            vulnerabilityDatabase: vulnerabilityDatabase.directory, signingKey: signingKey)
        request.baselineFile = baseline
        request.vexFiles = vex
        if history || !historyRange.isEmpty { request.history = historyRange }
        if let targetURL {
            guard let url = URL(string: targetURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw ValidationError("--target-url '\(targetURL)' is not an http(s) URL with a host (https://staging.example.com/)")
            }
            request.scannerOptions[WebHeadersScanner.scannerID, default: [:]]["target"] = [targetURL]
            request.scannerOptions["zap", default: [:]]["target"] = [targetURL]
            if insecure { request.scannerOptions[WebHeadersScanner.scannerID, default: [:]]["insecure"] = ["true"] }
        } else if insecure {
            throw ValidationError("--insecure applies to --target-url's request: give a target URL")
        }
        if host { request.scannerOptions[HostBaselineScanner.scannerID, default: [:]]["host"] = ["true"] }
        request.publisher = try publishing.publisher()
        let outcome: ScanOutcome
        do {
            outcome = try await pipeline.scan(request)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
        if annotations {
            let report = outcome.report
            for command in GitHubAnnotations.commands(for: Finding.canonicallyMerged(report.diff.new, report.diff.reopened)) {
                Terminal.emit(Data((command + "\n").utf8))
            }
        }
        try await SummaryPrinter.finish(outcome, terminal: terminal, json: json)
    }
}
