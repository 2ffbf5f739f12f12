import Crypto
import CryptoExtras
import Foundation
import SecureScanCore

/// `manifest.sig`: an Ed25519 signature (RFC 8032, 64 raw bytes) over the exact bytes of `manifest.json`.
/// Keys are PEM files (PKCS #8 private key, SubjectPublicKeyInfo public key), so anyone can check a run
/// without SecureScan: `openssl pkeyutl -verify -pubin -inkey key.pub -rawin -in manifest.json -sigfile manifest.sig`.
/// Ed25519 signatures are deterministic: the same manifest and key give the same bytes.
public enum ManifestSignature {
    public static let fileName = "manifest.sig"

    /// A private signing key, read from its PEM text.
    public struct SigningKey: Sendable {
        let key: Curve25519.Signing.PrivateKey

        /// `file` names the key in the error.
        public init(pem: String, file: String) throws(ReportsError) {
            do {
                key = try Curve25519.Signing.PrivateKey(pemRepresentation: pem)
            } catch {
                throw .keyInvalid(file: file, expected: "an Ed25519 private key in PEM (\"-----BEGIN PRIVATE KEY-----\"); make one with `securescan keys generate-signing`")
            }
        }

        /// A new random key.
        public init() { key = Curve25519.Signing.PrivateKey() }

        public var pem: String { key.pemRepresentation + "\n" }
        public var publicKey: VerifyingKey { VerifyingKey(key: key.publicKey) }
    }

    /// A public key that checks signatures.
    public struct VerifyingKey: Sendable {
        let key: Curve25519.Signing.PublicKey

        public init(pem: String, file: String) throws(ReportsError) {
            do {
                key = try Curve25519.Signing.PublicKey(pemRepresentation: pem)
            } catch {
                throw .keyInvalid(file: file, expected: "an Ed25519 public key in PEM (\"-----BEGIN PUBLIC KEY-----\")")
            }
        }

        init(key: Curve25519.Signing.PublicKey) { self.key = key }

        public var pem: String { key.pemRepresentation + "\n" }

        /// The key's SHA-256 over its DER form, as `sha256:<hex>`: what a report prints to say which key signed.
        public var fingerprint: String { "sha256:" + Array(SHA256.hash(data: key.derRepresentation)).hexString }

        public func isValid(signature: Data, for manifest: Data) -> Bool {
            signature.count == 64 && key.isValidSignature(signature, for: manifest)
        }
    }

    public static func sign(_ manifest: Data, with key: SigningKey) throws(ReportsError) -> Data {
        do {
            return try key.key.signature(for: manifest)
        } catch {
            throw .signingFailed(reason: String(describing: error))
        }
    }
}
