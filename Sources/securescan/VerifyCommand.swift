import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports

/// `securescan verify <run-dir>`: checks a run's artifacts against its manifest, and the manifest's signature.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a run's artifacts against manifest.json (and manifest.sig with --public-key).",
        discussion: """
            Exit 0 when every listed artifact is present and unchanged, nothing was added and, with --public-key, \
            the signature is valid; 1 otherwise; 2 on a usage error.
            """)

    @Argument(help: ArgumentHelp("A run directory, such as output/<target>/latest.", valueName: "run-dir"))
    var runDirectory: String

    @Option(name: .customLong("public-key"), help: ArgumentHelp("Ed25519 public key (PEM) that must have signed the manifest.", valueName: "file"))
    var publicKey: String?

    func run() throws {
        let key = try publicKey.map { path in
            try KeysCommand.load(path) { pem throws(ReportsError) in try ManifestSignature.VerifyingKey(pem: pem, file: path) }
        }
        let result = RunVerification.check(directory: runDirectory, publicKey: key)
        var lines = ["Verifying \(result.directory)"]
        lines.append("  \(result.checkedFiles.count) artifact\(result.checkedFiles.count == 1 ? "" : "s") listed in manifest.json")
        switch result.signature {
        case .valid(let fingerprint): lines.append("  signature: valid, key \(fingerprint)")
        case .unchecked: lines.append("  signature: present, not checked (pass --public-key FILE)")
        case .absent: lines.append("  signature: none")
        case .invalid: lines.append("  signature: INVALID")
        }
        for problem in result.problems { lines.append("  FAIL \(problem.description)") }
        lines.append(result.passed ? "OK: the artifacts are as the manifest lists them." : "FAILED: \(result.problems.count) problem\(result.problems.count == 1 ? "" : "s").")
        print(lines.joined(separator: "\n"))
        if !result.passed { throw ExitCode(1) }
    }
}
