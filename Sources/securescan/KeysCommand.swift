import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

/// `securescan keys …`: key material.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage API keys and signing keys.",
        subcommands: [Create.self, List.self, Revoke.self, GenerateSigning.self])

    /// Opens the store the options name (see ``StorageOptions/openStore(create:readOnly:)``).
    /// `create`: make the database if there is none; otherwise it must exist (read-only when `writable` is false).
    static func store(_ storage: StorageOptions, create: Bool, writable: Bool = true) throws -> Store {
        try storage.openStore(create: create, readOnly: !create && !writable)
    }

    static var timestamp: String { UTCTimestamp.iso8601(Date()) }

    /// `securescan keys create --name NAME [--scope read|write|admin] [--expires-days N]`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key for `securescan serve`; the key is printed once.",
            discussion: "Scopes are hierarchical: read (everything an auditor reads) ⊂ write (scans, triage) ⊂ admin (keys, webhooks, installs).")

        @Option(name: .long, help: ArgumentHelp("What the key is for (shown in listings).", valueName: "name"))
        var name: String

        @Option(name: .long, help: ArgumentHelp("read, write or admin.", valueName: "scope"))
        var scope: APIScope = .read

        @Option(name: .customLong("expires-days"), help: ArgumentHelp("Days until the key stops working (default: never).", valueName: "n"))
        var expiresDays: Int?

        @OptionGroup var storage: StorageOptions

        @Flag(name: .long, help: "Print the key and its record as JSON.")
        var json = false

        func validate() throws {
            guard !name.trimmingSpaces.isEmpty, name.count <= 200 else { throw ValidationError("--name must have 1 to 200 characters") }
            if let expiresDays, !(1...3650).contains(expiresDays) { throw ValidationError("--expires-days must be between 1 and 3650") }
        }

        func run() throws {
            let store = try KeysCommand.store(storage, create: true)
            let expires = expiresDays.map { days in UTCTimestamp.iso8601(Date().addingTimeInterval(Double(days) * 86_400)) }
            let (record, token): (APIKeyRecord, APIKeyToken)
            do {
                (record, token) = try store.createKey(name: name, scopes: [scope], expiresAt: expires, createdBy: "cli", at: KeysCommand.timestamp)
            } catch {
                Terminal.error(error.description)
                throw ExitCode(GateExit.usageError.rawValue)
            }
            if json {
                let object: [String: Any] = ["id": record.id, "name": record.name, "scope": scope.rawValue, "key": token.plaintext,
                                             "expires_at": expires ?? NSNull()]
                Terminal.emit(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) + Data("\n".utf8))
            } else {
                print(token.plaintext)
                FileHandle.standardError.write(Data("key \(record.id) (\(scope.rawValue)) created in \(store.path); the line above is its secret, shown only now\n".utf8))
            }
        }
    }

    /// `securescan keys list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (never their secrets).")

        @OptionGroup var storage: StorageOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() throws {
            let store = try KeysCommand.store(storage, create: false, writable: false)
            let keys: [APIKeyRecord]
            do {
                keys = try store.keys()
            } catch {
                Terminal.error(error.description)
                throw ExitCode(GateExit.usageError.rawValue)
            }
            if json {
                let rows: [[String: Any]] = keys.map { key in
                    ["id": key.id, "name": key.name, "prefix": key.prefix, "scopes": key.scopes.map(\.rawValue), "created_at": key.createdAt,
                     "expires_at": key.expiresAt ?? NSNull(), "last_used_at": key.lastUsedAt ?? NSNull(), "revoked_at": key.revokedAt ?? NSNull()]
                }
                Terminal.emit(try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys]) + Data("\n".utf8))
                return
            }
            guard !keys.isEmpty else {
                print("no API keys; create one with `securescan keys create --name NAME --scope admin`")
                return
            }
            let now = KeysCommand.timestamp
            for key in keys {
                let state = key.revokedAt.map { "revoked \($0)" } ?? (key.isActive(at: now) ? "active" : "expired")
                print("\(key.id)  \(key.prefix)…  \(key.scopes.map(\.rawValue).joined(separator: ","))  \(state)  last used \(key.lastUsedAt ?? "never")  \(key.name)")
            }
        }
    }

    /// `securescan keys revoke ID`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an API key.",
            discussion: "Refuses to revoke the last active admin key unless --force (the command line can always create a new one).")

        @Argument(help: "The key's id (the 10 characters after ssk_).")
        var id: String

        @Flag(name: .long, help: "Revoke even the last active admin key.")
        var force = false

        @OptionGroup var storage: StorageOptions

        func run() throws {
            let store = try KeysCommand.store(storage, create: false)
            do {
                let key = try store.revokeKey(id: id, at: KeysCommand.timestamp, protectLastAdmin: !force)
                print("revoked \(key.id) (\(key.name)) at \(key.revokedAt ?? "?")")
            } catch {
                Terminal.error(error.description + (error == .lastAdminKey(id: id) ? " (or pass --force)" : ""))
                throw ExitCode(GateExit.usageError.rawValue)
            }
        }
    }

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
