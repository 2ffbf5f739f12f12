import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// The secrets scanner over real files: locations, redaction, identity, skipped files.
@Suite struct SecretsScannerTests {
    static let awsKey = "AKIAB3SKCZTKMBF6JDPY"
    static let github = "ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD"

    func scan(_ files: [String: String]) async throws -> (Observations, URL) {
        let directory = try Fixtures.makeTemporaryDirectory()
        try Fixtures.write(files, under: directory)
        let root = try TreeWalker.resolveRoot(directory.path)
        let tree = try TreeWalker(excludes: try PathPatternSet(TreeWalker.defaultExcludes), maxFileSize: 1 << 20).walk(root: root)
        let observations = try await SecretsScanner().scan(ScanTarget(name: "t", root: root, tree: tree))
        return (observations, directory)
    }

    @Test(arguments: [
        ("CurrentKeyMaterialId", "id"), ("awsSecretKey", "key"), ("XMLHttpRequest", "request"), ("API_TOKEN_2", "2"),
        ("key2Name", "name"), ("aws.secret-key", "key"), ("AWS::IAM::AccessKey", "key"), ("", nil), ("__", nil),
    ] as [(String, String?)])
    func theLastWordOfAnIdentifier(identifier: String, word: String?) {
        #expect(IdentifierWords.last(of: identifier) == word)
    }

    @Test func theCatalogCoversEveryRequiredFamilyWithAtLeastFortyRules() {
        let ids = Set(SecretRules.all.map(\.id))
        #expect(ids.count == SecretRules.all.count, "rule ids must be unique")
        #expect(ids.count >= 40)
        for required in ["aws-access-token", "gcp-api-key", "azure-ad-client-secret", "github-pat", "gitlab-pat", "npm-access-token",
                         "slack-bot-token", "stripe-access-token", "private-key", "jwt", "connection-string-password", "generic-api-key"] {
            #expect(ids.contains(required), "missing \(required)")
        }
        #expect(SecretRules.all.allSatisfy { !$0.keywords.isEmpty }, "every rule needs a prefilter keyword")
    }

    @Test func stopwordsDropDocumentationValuesWhateverTheirCase() async throws {
        let (observations, directory) = try await scan([
            "a.py": "api_token = \"Zq8Xv3Lp9Rt2Wm7Kd4Hs\"\napi_secret = \"Zq8XvEXAMPLELp9Rt2Wm\"\nauth_key = \"k7Gd2SaMpLe9Qx4Rt\"\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(observations.findings.map(\.ruleID) == ["secrets/generic-api-key"])
        #expect(observations.findings.first?.location?.startLine == 1)
        #expect(ByteSearch.contains(Array("xxmockyy".utf8), "mock"))
        #expect(!ByteSearch.contains(Array("moc".utf8), "mock"))
        #expect(!ByteSearch.contains([], "mock"))
    }

    @Test func findsSecretsWithLineColumnAndRedactedEvidence() async throws {
        let (observations, directory) = try await scan([
            "config/settings.py": "import os\n\nAWS_KEY = \"\(Self.awsKey)\"\nTOKEN = '\(Self.github)'\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let drafts = observations.findings.sorted { ($0.location?.startLine ?? 0) < ($1.location?.startLine ?? 0) }
        #expect(drafts.map(\.ruleID) == ["secrets/aws-access-token", "secrets/github-pat"])
        #expect(drafts[0].location == Location(path: "config/settings.py", startLine: 3, endLine: 3, startColumn: 12))
        #expect(drafts[0].evidence == "AWS_KEY = \"AKIA…JDPY\"")
        #expect(drafts[0].cwes == ["CWE-798"])
        #expect(drafts[1].location?.startLine == 4)
    }

    @Test func noRawSecretLeavesTheScannerExceptAsASensitiveValue() async throws {
        let (observations, directory) = try await scan(["a.env": "KEY=\(Self.awsKey)\nGH=\(Self.github)\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = String(describing: observations.findings)
        #expect(!text.contains(Self.awsKey))
        #expect(!text.contains(Self.github))
        #expect(Set(observations.sensitiveValues) == [Self.awsKey, Self.github])
        #expect(observations.findings.allSatisfy {
            if case .secret(let digest) = $0.identity { return digest.count == 64 } else { return false }
        })
    }

    @Test func twoDifferentSecretsOnOneLineAreTwoFindingsEachRedacted() async throws {
        let (observations, directory) = try await scan(["x.sh": "export A=\(Self.awsKey) B=\(Self.github)\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(observations.findings.count == 2)
        for draft in observations.findings {
            #expect(!(draft.evidence ?? "").contains(Self.awsKey))
            #expect(!(draft.evidence ?? "").contains(Self.github))
        }
    }

    /// Files scanned by several workers, in an order that differs from path order (a directory sorts
    /// after a sibling file with a longer name), with two rules on one line: the drafts come out by
    /// path, then line, then rule, whatever the number of workers.
    @Test(arguments: [1, 2, 5])
    func draftsComeOutInPathLineRuleOrder(workers: Int) async throws {
        var files: [String: String] = [:]
        for index in 0..<40 {
            let name = ["a/b\(index).py", "a-b\(index).py", "a.\(index).sh", "Z\(index).txt"][index % 4]
            files[name] = "x = 1\nexport A=\(Self.awsKey) B=\(Self.github)\n\nT=\(Self.github)\nK=\(Self.awsKey)\n"
        }
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(files, under: directory)
        let root = try TreeWalker.resolveRoot(directory.path)
        let tree = try TreeWalker(excludes: try PathPatternSet(TreeWalker.defaultExcludes), maxFileSize: 1 << 20).walk(root: root)
        let observations = try await SecretsScanner(rules: SecretRules.all, workers: workers).scan(ScanTarget(name: "t", root: root, tree: tree))
        let keys = observations.findings.map { ($0.location?.path ?? "", $0.location?.startLine ?? 0, $0.ruleID) }
        #expect(keys.count == 160)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(Set(keys.map(\.0)) == Set(files.keys))
    }

    @Test func aPrivateKeySpanningLinesIsOneFinding() async throws {
        let body = (0..<4).map { _ in String(repeating: "MIIEpAIBAAKCAQEAn6O8li", count: 3) }.joined(separator: "\n")
        let (observations, directory) = try await scan(["id_rsa": "-----BEGIN RSA PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(observations.findings.map(\.ruleID) == ["secrets/private-key"])
        #expect(observations.findings.first?.location?.startLine == 1)
        #expect(observations.findings.first?.location?.endLine == 6)
        #expect(observations.findings.first?.evidence?.hasPrefix("-----BEGIN RSA PRIVATE KEY-----") == true)
    }

    @Test func placeholdersAndVariableReferencesAreNotSecrets() async throws {
        let (observations, directory) = try await scan([
            "docs.md": """
                export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
                api_key = "${API_KEY}"
                password = "<your password>"
                AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(observations.findings.isEmpty, "\(observations.findings.map(\.ruleID))")
    }

    @Test func binaryFilesAndLockfilesAreSkipped() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(["package-lock.json": "{\"token\": \"\(Self.github)\"}"], under: directory)
        var binary = Data("key=\(Self.awsKey)\n".utf8)
        binary.append(contentsOf: [0, 1, 2, 3])
        try binary.write(to: directory.appendingPathComponent("blob.dat2"))
        let root = try TreeWalker.resolveRoot(directory.path)
        let tree = try TreeWalker(excludes: PathPatternSet(compiled: []), maxFileSize: 1 << 20).walk(root: root)
        let observations = try await SecretsScanner().scan(ScanTarget(name: "t", root: root, tree: tree))
        #expect(observations.findings.isEmpty)
        #expect(observations.notes.contains("1 binary file skipped"))
    }

    @Test func invalidUTF8IsScannedAsBytes() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = Data([0xC3, 0x28, 0xFF, 0xFE, 0x0A])
        bytes.append(Data("token = \"\(Self.github)\" \u{FF}".utf8))
        bytes.append(contentsOf: [0xE2, 0x82, 0x0A])
        try bytes.write(to: directory.appendingPathComponent("latin1.txt"))
        let root = try TreeWalker.resolveRoot(directory.path)
        let tree = try TreeWalker(excludes: PathPatternSet(compiled: []), maxFileSize: 1 << 20).walk(root: root)
        let observations = try await SecretsScanner().scan(ScanTarget(name: "t", root: root, tree: tree))
        #expect(observations.findings.map(\.ruleID) == ["secrets/github-pat"])
        #expect(observations.findings.first?.location?.startLine == 2)
    }

    @Test func aFileThatVanishesBeforeItIsReadIsANoteNotACrash() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = try TreeWalker.resolveRoot(directory.path)
        let tree = TargetTree(files: [TreeFile(path: "gone.txt", size: 10)])
        let observations = try await SecretsScanner().scan(ScanTarget(name: "t", root: root, tree: tree))
        #expect(observations.findings.isEmpty)
        #expect(observations.notes.first?.hasPrefix("1 file could not be read: gone.txt") == true)
    }
}
