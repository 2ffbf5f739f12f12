/// What makes a finding the same finding from one run to the next, per kind of finding.
///
/// A scanner states the identity of each finding it reports; ``Fingerprint`` turns it into the
/// stored `fp1:` value. Nothing here is a line number, so moving code never changes identity.
public enum FindingIdentity: Sendable, Hashable, Codable {
    /// SAST and lint results: the flagged lines' text, normalized. The occurrence index among equal
    /// matches in one file is assigned by ``Fingerprinter``, not by the scanner.
    case code(family: String, text: String)
    /// A hard-coded secret: only a digest of the value (``SecretDigest``) ever leaves the scanner.
    case secret(valueDigest: String)
    /// A secret found in a repository's history: one finding per rule and value, wherever and however
    /// often it was committed (the path it had is shown, but is not part of the identity).
    case historySecret(valueDigest: String)
    /// A known vulnerability in a package declared by a manifest. No version: an upgrade that is
    /// still vulnerable is the same finding.
    case dependency(ecosystem: String, package: String, manifestPath: String, advisory: String)
    /// An infrastructure-as-code check: the resource or instruction it is about.
    case iac(resource: String)
    /// A web check against a normalized URL template and parameter.
    case dast(urlTemplate: String, parameter: String)
    /// A network check against a host's port.
    case network(host: String, port: Int, transport: String)
    /// A license policy result for a package (no version).
    case license(package: String, license: String)

    /// The kind's name, the first hashed field, so two kinds can never collide.
    public var kind: String {
        switch self {
        case .code: "code"
        case .secret: "secret"
        case .historySecret: "history-secret"
        case .dependency: "dependency"
        case .iac: "iac"
        case .dast: "dast"
        case .network: "network"
        case .license: "license"
        }
    }
}
