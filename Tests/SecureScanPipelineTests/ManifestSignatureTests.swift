import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanScanners

/// Signed manifests: a signed run verifies with its public key and with OpenSSL; any altered, missing or
/// added file, a wrong key or a missing signature fails verification and is named.
@Suite struct ManifestSignatureTests {
    /// One signed run of the demo project; returns the run directory and the key.
    static func signedRun() async throws -> (directory: URL, key: ManifestSignature.SigningKey, output: URL) {
        let key = ManifestSignature.SigningKey()
        let run = try await DemoRun.scan("signed", scanners: [SecretsScanner(), DockerfileScanner()], signingKey: key)
        return (run.directory, key, run.output)
    }

    @Test func aSignedRunVerifiesWithItsPublicKey() async throws {
        let run = try await Self.signedRun()
        defer { try? FileManager.default.removeItem(at: run.output) }
        #expect(FileManager.default.fileExists(atPath: run.directory.appendingPathComponent("manifest.sig").path))
        let result = RunVerification.check(directory: run.directory.path, publicKey: run.key.publicKey)
        #expect(result.passed, "\(result.problems)")
        #expect(result.signature == .valid(keyFingerprint: run.key.publicKey.fingerprint))
        #expect(result.checkedFiles.contains("findings.json") && result.checkedFiles.contains("sbom.cdx.json"))
        // Without a key the hashes are still checked and the signature is reported as not checked.
        #expect(RunVerification.check(directory: run.directory.path, publicKey: nil).signature == .unchecked)
    }

    @Test func openSSLVerifiesTheSignatureToo() async throws {
        let run = try await Self.signedRun()
        defer { try? FileManager.default.removeItem(at: run.output) }
        let publicKey = run.output.appendingPathComponent("key.pub")
        try Data(run.key.publicKey.pem.utf8).write(to: publicKey)
        let result = try await ExternalCommand.run("/usr/bin/openssl", [
            "pkeyutl", "-verify", "-pubin", "-inkey", publicKey.path, "-rawin",
            "-in", run.directory.appendingPathComponent("manifest.json").path,
            "-sigfile", run.directory.appendingPathComponent("manifest.sig").path,
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Signature Verified Successfully"))
    }

    @Test func aOneByteChangeIsNamed() async throws {
        let run = try await Self.signedRun()
        defer { try? FileManager.default.removeItem(at: run.output) }
        let file = run.directory.appendingPathComponent("findings.sarif")
        var data = try Data(contentsOf: file)
        data[data.count / 2] ^= 0x01
        try data.write(to: file)
        let result = RunVerification.check(directory: run.directory.path, publicKey: run.key.publicKey)
        #expect(!result.passed)
        #expect(result.problems.count == 1)
        guard case .altered(let path, _, _)? = result.problems.first else {
            Issue.record("expected an altered file, got \(result.problems)")
            return
        }
        #expect(path == "findings.sarif")
        // The signature itself is still valid: the manifest was not touched, the artifact was.
        #expect(result.signature == .valid(keyFingerprint: run.key.publicKey.fingerprint))
    }

    @Test func missingAddedFilesAndAnEditedManifestAreCaught() async throws {
        let run = try await Self.signedRun()
        defer { try? FileManager.default.removeItem(at: run.output) }
        try FileManager.default.removeItem(at: run.directory.appendingPathComponent("summary.md"))
        try Data("extra".utf8).write(to: run.directory.appendingPathComponent("notes.txt"))
        var result = RunVerification.check(directory: run.directory.path, publicKey: nil)
        #expect(Set(result.problems) == [.missing(path: "summary.md"), .unlisted(path: "notes.txt")])
        // Editing the manifest to hide the change breaks the signature.
        let manifestURL = run.directory.appendingPathComponent("manifest.json")
        let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
        try Data(manifest.replacingOccurrences(of: "\"summary.md\"", with: "\"summary.mdx\"").utf8).write(to: manifestURL)
        result = RunVerification.check(directory: run.directory.path, publicKey: run.key.publicKey)
        #expect(result.problems.contains(.signatureInvalid))
    }

    @Test func aWrongKeyOrAnUnsignedRunFails() async throws {
        let run = try await Self.signedRun()
        defer { try? FileManager.default.removeItem(at: run.output) }
        let other = ManifestSignature.SigningKey()
        #expect(RunVerification.check(directory: run.directory.path, publicKey: other.publicKey).problems == [.signatureInvalid])
        try FileManager.default.removeItem(at: run.directory.appendingPathComponent("manifest.sig"))
        #expect(RunVerification.check(directory: run.directory.path, publicKey: run.key.publicKey).problems == [.signatureMissing])
    }

    @Test func signaturesAreDeterministicAndKeysRoundTripThroughPEM() throws {
        let key = ManifestSignature.SigningKey()
        let reread = try ManifestSignature.SigningKey(pem: key.pem, file: "key")
        #expect(reread.publicKey.fingerprint == key.publicKey.fingerprint)
        let data = Data("{\"kind\":\"securescan-manifest\"}".utf8)
        #expect(try ManifestSignature.sign(data, with: key) == ManifestSignature.sign(data, with: reread))
        #expect(key.pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(key.publicKey.pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
    }

    @Test func aKeyFileThatIsNotAnEd25519KeyIsNamed() {
        #expect(throws: ReportsError.self) { try ManifestSignature.SigningKey(pem: "not a key", file: "/keys/signing.pem") }
        do {
            _ = try ManifestSignature.SigningKey(pem: ManifestSignature.SigningKey().publicKey.pem, file: "/keys/signing.pem")
            Issue.record("a public key must not load as a private key")
        } catch {
            #expect(error.description.contains("/keys/signing.pem"))
        }
        #expect(RunVerification.check(directory: "/nonexistent-run", publicKey: nil).problems.count == 1)
    }
}

/// A manifest that is not SecureScan's is named as such, with the field that is wrong.
@Suite struct ManifestReadingTests {
    @Test func aForeignOrBrokenManifestIsNamed() throws {
        let directory = try Fixtures.makeTemporaryDirectory("foreign")
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = directory.appendingPathComponent("manifest.json")
        try Data(#"{"kind": "other-tool", "artifacts": []}"#.utf8).write(to: manifest)
        #expect(RunVerification.check(directory: directory.path, publicKey: nil).problems
            == [.manifestUnreadable("\"kind\" is 'other-tool', not 'securescan-manifest'")])
        try Data(#"{"kind": "securescan-manifest", "artifacts": [{"path": 3}]}"#.utf8).write(to: manifest)
        let broken = RunVerification.check(directory: directory.path, publicKey: nil).problems
        #expect(broken.count == 1)
        #expect(broken.first?.description.hasPrefix("manifest.json: not a SecureScan manifest") == true)
    }
}
