import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanReports

/// `securescan keys …`: key material.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage keys.",
        subcommands: [GenerateSigning.self])

    /// Reads a PEM key file for a command; a missing or malformed file is a usage error naming it.
    static func load<Key>(_ path: String, _ parse: (String) throws(ReportsError) -> Key) throws -> Key {
        guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
            Terminal.error("cannot read key file \(path)")
            throw ExitCode(GateExit.usageError.rawValue)
        }
        do {
            return try parse(pem)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }

    /// `securescan keys generate-signing --out PREFIX`: an Ed25519 key pair for signing manifests.
    struct GenerateSigning: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-signing",
            abstract: "Write a new Ed25519 signing key to PREFIX (mode 0600) and its public key to PREFIX.pub.",
            discussion: "Sign runs with `securescan scan --sign-key PREFIX`; auditors check them with `securescan verify RUN --public-key PREFIX.pub`.")

        @Option(name: .long, help: ArgumentHelp("Path of the private key; the public key goes to <prefix>.pub.", valueName: "prefix"))
        var out: String

        @Flag(name: .long, help: "Replace existing key files.")
        var force = false

        func run() throws {
            let publicPath = out + ".pub"
            for path in [out, publicPath] where !force && FileManager.default.fileExists(atPath: path) {
                Terminal.error("\(path) exists; pass --force to replace it")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            let key = ManifestSignature.SigningKey()
            // The private key never exists on disk with looser permissions than 0600.
            let descriptor = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                Terminal.error("cannot write \(out): \(String(cString: strerror(errno)))")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            fchmod(descriptor, 0o600)
            do {
                try handle.write(contentsOf: Data(key.pem.utf8))
                try handle.close()
                try Data(key.publicKey.pem.utf8).write(to: URL(fileURLWithPath: publicPath), options: .atomic)
            } catch {
                Terminal.error("cannot write the key files: \(error.localizedDescription)")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            print("private key: \(out) (keep it secret)\npublic key:  \(publicPath)\nfingerprint: \(key.publicKey.fingerprint)")
        }
    }
}
