import Foundation

/// The kinds of file that hold secrets by their nature, told by name (and, where the name alone would
/// also fit harmless files, by the first bytes: a `.pem` that holds a private key, a JSON file that is a
/// service-account key).
enum SensitiveFileKind: String, Sendable, CaseIterable {
    case environment = "env-file"
    case privateKey = "private-key"
    case keystore
    case cloudCredentials = "cloud-credentials"
    case serviceAccount = "service-account-key"
    case passwordFile = "password-file"
    case applicationConfig = "application-config"
    case databaseDump = "database-dump"
    case terraformState = "terraform-state"

    var label: String {
        switch self {
        case .environment: "An environment file"
        case .privateKey: "A private key"
        case .keystore: "A key store"
        case .cloudCredentials: "A credentials file"
        case .serviceAccount: "A service-account key"
        case .passwordFile: "A password file"
        case .applicationConfig: "An application configuration with credentials"
        case .databaseDump: "A database dump"
        case .terraformState: "A Terraform state file"
        }
    }

    var risk: String {
        switch self {
        case .environment: "Environment files hold the API keys and passwords an application runs with."
        case .privateKey: "Anyone with the key can impersonate its owner or decrypt what it protects."
        case .keystore: "Key stores hold private keys and certificates, often behind a default password."
        case .cloudCredentials: "It holds credentials for cloud or service accounts."
        case .serviceAccount: "A service-account key signs in as the account with all its permissions."
        case .passwordFile: "It holds passwords or password hashes."
        case .applicationConfig: "It holds the application's database credentials and secret keys."
        case .databaseDump: "Dumps carry the data itself: users, password hashes, personal data."
        case .terraformState: "Terraform state records every managed resource's attributes, secrets included, in clear."
        }
    }

    /// Examples, templates and samples that only name the variables.
    static let templateSuffixes = [".example", ".sample", ".template", ".dist", ".defaults", ".tmpl", ".tpl"]

    /// The kind of `file`, or nil when it is not one of these files.
    static func of(_ file: TreeFile, root: String) -> SensitiveFileKind? {
        let name = file.name.lowercased()
        if templateSuffixes.contains(where: { name.hasSuffix($0) }) || name.contains(".example.") || name.contains(".sample.") { return nil }
        if name == ".env" || name.hasPrefix(".env.") || name.hasSuffix(".env") { return .environment }
        if ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"].contains(name) { return .privateKey }
        if name.hasSuffix(".key") || name.hasSuffix(".ppk") {
            return startsWith(file, root: root, anyOf: ["-----BEGIN", "PuTTY-User-Key-File"]) ? .privateKey : nil
        }
        if name.hasSuffix(".pem") { return startsWith(file, root: root, anyOf: ["PRIVATE KEY"], within: 4096) ? .privateKey : nil }
        if [".p12", ".pfx", ".jks", ".keystore", ".jceks"].contains(where: { name.hasSuffix($0) }) { return .keystore }
        if [".pgpass", ".netrc", "_netrc", ".git-credentials", ".s3cfg", ".boto", ".dockercfg"].contains(name) { return .cloudCredentials }
        if name == "credentials" && file.path.lowercased().hasSuffix(".aws/credentials") { return .cloudCredentials }
        if name == "credentials.json" || (name.hasPrefix("client_secret") && name.hasSuffix(".json")) { return .cloudCredentials }
        if name.hasSuffix(".json"), name.contains("service") || name.contains("account") || name.contains("gcp") || name.contains("firebase") || name.hasSuffix("-sa.json") {
            return startsWith(file, root: root, anyOf: ["\"service_account\""], within: 4096) ? .serviceAccount : nil
        }
        if name == ".htpasswd" || name == ".htdigest" { return .passwordFile }
        if name == "wp-config.php" || name == "localsettings.php" { return .applicationConfig }
        if name.hasSuffix(".tfstate") || name.hasSuffix(".tfstate.backup") { return .terraformState }
        if name.hasSuffix(".dump") || name.hasSuffix(".sqlite") || name.hasSuffix(".sqlite3")
            || [".sql.gz", ".sql.bz2", ".sql.xz", ".sql.zst"].contains(where: { name.hasSuffix($0) })
            || (name.hasSuffix(".sql") && (name.contains("dump") || name.contains("backup"))) {
            return .databaseDump
        }
        return nil
    }

    /// Whether the file's first `within` bytes contain one of `markers`.
    private static func startsWith(_ file: TreeFile, root: String, anyOf markers: [String], within: Int = 64) -> Bool {
        let path = file.absoluteBytes(under: root) + [0]
        let descriptor = path.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        }
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: within)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, within) }
        guard count > 0 else { return false }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return markers.contains { text.contains($0) }
    }
}
