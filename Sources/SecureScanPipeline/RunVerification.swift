import Crypto
import Foundation
import SecureScanCore
import SecureScanReports

/// What `securescan verify` finds in one run's artifact directory: every file the manifest lists is there
/// with its size and SHA-256, no other file has been added, and (with a public key) `manifest.sig` is a
/// valid signature of `manifest.json`.
public struct RunVerification: Sendable {
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case manifestUnreadable(String)
        case missing(path: String)
        case altered(path: String, expected: String, actual: String)
        case unlisted(path: String)
        case unsafePath(path: String)
        case signatureMissing
        case signatureInvalid

        public var description: String {
            switch self {
            case .manifestUnreadable(let reason): "manifest.json: \(reason)"
            case .missing(let path): "\(path): listed in the manifest but missing"
            case .altered(let path, let expected, let actual): "\(path): altered (manifest says sha256 \(expected), file has \(actual))"
            case .unlisted(let path): "\(path): not listed in the manifest"
            case .unsafePath(let path): "\(path): the manifest names a path outside the run directory"
            case .signatureMissing: "\(ManifestSignature.fileName): missing, but a public key was given"
            case .signatureInvalid: "\(ManifestSignature.fileName): not a valid signature of manifest.json by this key"
            }
        }
    }

    public enum Signature: Sendable, Hashable {
        /// Checked and valid, by the key with this fingerprint.
        case valid(keyFingerprint: String)
        /// `manifest.sig` is there but no public key was given to check it.
        case unchecked
        case absent
        case invalid
    }

    public var directory: String
    public var checkedFiles: [String] = []
    public var problems: [Problem] = []
    public var signature = Signature.absent

    public var passed: Bool { problems.isEmpty }

    /// The listing part of `manifest.json` that verification needs.
    private struct Listing: Decodable {
        struct Artifact: Decodable {
            var path: String
            var sha256: String
            var bytes: Int
        }

        var kind: String?
        var artifacts: [Artifact]
    }

    public static func check(directory: String, publicKey: ManifestSignature.VerifyingKey?) -> RunVerification {
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath()
        var result = RunVerification(directory: root.path)
        let manifestURL = root.appendingPathComponent(Manifest.fileName)
        guard let manifest = try? Data(contentsOf: manifestURL) else {
            result.problems.append(.manifestUnreadable("not found in \(root.path); is this a run directory (output/<target>/<run-id>)?"))
            return result
        }
        let listing: Listing
        do {
            listing = try JSONDecoder().decode(Listing.self, from: manifest)
        } catch {
            result.problems.append(.manifestUnreadable("not a SecureScan manifest (\(String(describing: error).prefix(200)))"))
            return result
        }
        guard listing.kind == "securescan-manifest" else {
            result.problems.append(.manifestUnreadable("\"kind\" is \(listing.kind.map { "'\($0)'" } ?? "missing"), not 'securescan-manifest'"))
            return result
        }

        var listed: Set<String> = [Manifest.fileName, ManifestSignature.fileName]
        for artifact in listing.artifacts.sorted(by: { $0.path < $1.path }) {
            let parts = artifact.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !artifact.path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
                result.problems.append(.unsafePath(path: artifact.path))
                continue
            }
            listed.insert(artifact.path)
            result.checkedFiles.append(artifact.path)
            guard let data = try? Data(contentsOf: root.appendingPathComponent(artifact.path)) else {
                result.problems.append(.missing(path: artifact.path))
                continue
            }
            let actual = Array(SHA256.hash(data: data)).hexString
            if actual != artifact.sha256.lowercased() || data.count != artifact.bytes {
                result.problems.append(.altered(path: artifact.path, expected: artifact.sha256, actual: actual))
            }
        }
        for path in Self.files(under: root) where !listed.contains(path) {
            result.problems.append(.unlisted(path: path))
        }

        let signature = try? Data(contentsOf: root.appendingPathComponent(ManifestSignature.fileName))
        switch (signature, publicKey) {
        case (nil, nil):
            result.signature = .absent
        case (nil, .some):
            result.signature = .absent
            result.problems.append(.signatureMissing)
        case (.some, nil):
            result.signature = .unchecked
        case (.some(let signature), .some(let key)):
            if key.isValid(signature: signature, for: manifest) {
                result.signature = .valid(keyFingerprint: key.fingerprint)
            } else {
                result.signature = .invalid
                result.problems.append(.signatureInvalid)
            }
        }
        return result
    }

    /// Regular files under `root`, as relative paths.
    private static func files(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        else { return [] }
        var paths: [String] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.resolvingSymlinksInPath().path
            if path.hasPrefix(prefix) { paths.append(String(path.dropFirst(prefix.count))) }
        }
        return paths.sorted()
    }
}
