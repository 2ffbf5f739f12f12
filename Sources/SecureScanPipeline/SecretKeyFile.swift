import Foundation
import SecureScanCore
import SecureScanStore

/// Where the key that seals stored secrets lives: `SECURESCAN_SECRET_KEY` (64 hex digits), else a
/// hidden file next to the database, created (mode 0600) the first time a secret is stored.
public enum SecretKeyFile {
    public static let environmentVariable = "SECURESCAN_SECRET_KEY"

    /// `<database directory>/.securescan-secret.key`: hidden, so the artifact site never serves it.
    public static func path(forDatabase database: String) -> String {
        URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent(".securescan-secret.key").path
    }

    /// The seal for a store: for an SQLite file as ``seal(forDatabase:create:environment:)`` says; a
    /// PostgreSQL store is shared by hosts that must all unseal what any of them sealed, so its key is
    /// `SECURESCAN_SECRET_KEY`, the same on every host (nil when unset and `create` is false).
    public static func seal(for database: StoreLocation, create: Bool,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(PipelineError) -> SecretSeal? {
        switch database {
        case .sqlite(let path):
            return try seal(forDatabase: path, create: create, environment: environment)
        case .postgres:
            if let value = environment[environmentVariable], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return try seal(forDatabase: "/", create: false, environment: environment)
            }
            guard create else { return nil }
            throw .target("""
                a PostgreSQL store's webhook secrets are sealed with \(environmentVariable): set it to the same 64 hexadecimal \
                digits on every host (for example: openssl rand -hex 32)
                """)
        }
    }

    /// The seal for `database`; creates the key file when `create` and there is none.
    public static func seal(forDatabase database: String, create: Bool,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(PipelineError) -> SecretSeal? {
        if let value = environment[environmentVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
            guard let bytes = [UInt8](hex: value), let seal = SecretSeal(key: bytes) else {
                throw .target("\(environmentVariable) must be 64 hexadecimal digits (a 32-byte key)")
            }
            return seal
        }
        let file = path(forDatabase: database)
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            guard let bytes = [UInt8](hex: text.trimmingCharacters(in: .whitespacesAndNewlines)), let seal = SecretSeal(key: bytes) else {
                throw .target("\(file) is not a SecureScan secret key (64 hexadecimal digits)")
            }
            return seal
        }
        guard create else { return nil }
        let key = SecretSeal.generateKey()
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            // Another process may have created it first.
            if errno == EEXIST { return try seal(forDatabase: database, create: false, environment: environment) }
            throw .target("cannot create the secret key \(file): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data((key.hexString + "\n").utf8))
            try handle.close()
        } catch {
            throw .target("cannot write the secret key \(file): \(error.localizedDescription)")
        }
        return SecretSeal(key: key)
    }
}
