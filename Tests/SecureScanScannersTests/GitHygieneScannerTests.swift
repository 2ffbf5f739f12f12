import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// `git-hygiene` against real repositories and plain trees: git's own ignore rules decide what would be
/// committed, tracked files are reported whatever the rules say, and look-alikes are left alone.
@Suite struct GitHygieneScannerTests {
    static let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"

    func scan(_ directory: URL) async throws -> Observations {
        let root = try TreeWalker.resolveRoot(directory.path)
        let tree = try TreeWalker(excludes: try PathPatternSet(TreeWalker.defaultExcludes), maxFileSize: 1 << 20).walk(root: root)
        return try await GitHygieneScanner().scan(ScanTarget(name: "t", root: root, tree: tree))
    }

    func git(_ arguments: String..., in directory: URL) async throws {
        _ = try await GitCommand.invoke(["-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments, in: directory.path)
    }

    /// path → rule id suffix.
    func results(_ observations: Observations) -> [String: String] {
        Dictionary(uniqueKeysWithValues: observations.findings.map { ($0.location?.path ?? "-", String($0.ruleID.dropFirst("git-hygiene/".count))) })
    }

    @Test func aRepositorysOwnIgnoreRulesDecide() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(["app.py": "print(1)\n", "secrets/.env": "API_KEY=abc\n", "deploy/id_rsa": Self.key], under: directory)
        try await git("init", "-q", "-b", "main", in: directory)
        try await git("add", "-A", in: directory)
        try await git("commit", "-q", "-m", "first", in: directory)
        // Ignore rules added after the fact: a tracked file stays tracked.
        try Fixtures.write([
            ".gitignore": ".env\n*.key\n*.tfstate\n",
            "nested/.gitignore": "dump.sql\n",
            ".env": "API_KEY=abc\n", ".env.production": "API_KEY=abc\n", ".env.example": "API_KEY=\n",
            "server.key": Self.key, "certs/ca.pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            "certs/tls.pem": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
            "backup/db-dump.sql": "INSERT INTO users VALUES (1);\n", "nested/dump.sql": "INSERT INTO users VALUES (1);\n",
            "migrations/0001_init.sql": "CREATE TABLE users (id int);\n",
            "gcp-sa.json": #"{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----"}"#,
            "package.json": #"{"name": "app"}"#, "terraform.tfstate": "{}", "public/.htpasswd": "admin:$apr1$x$y\n",
        ], under: directory)
        let observations = try await scan(directory)
        #expect(results(observations) == [
            "secrets/.env": "tracked-sensitive-file", "deploy/id_rsa": "tracked-sensitive-file",
            ".env.production": "unignored-sensitive-file", "certs/tls.pem": "unignored-sensitive-file",
            "backup/db-dump.sql": "unignored-sensitive-file", "gcp-sa.json": "unignored-sensitive-file",
            "public/.htpasswd": "unignored-sensitive-file",
        ], "\(results(observations))")
        let tracked = try #require(observations.findings.first { $0.location?.path == "deploy/id_rsa" })
        #expect(tracked.severity == .high && tracked.title == "A private key is committed to the repository")
        #expect(tracked.remediation?.contains("git rm --cached deploy/id_rsa") == true)
        // Nothing of a file's content is reported.
        #expect(!observations.findings.contains { ($0.evidence ?? "").contains("BEGIN") || $0.description.contains("API_KEY") })
    }

    @Test func aPlainTreeIsJudgedByItsIgnoreFiles() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write([".gitignore": "*.tfstate\n", "infra/terraform.tfstate": "{}", "infra/prod.tfstate.backup": "{}",
                            "wp-config.php": "<?php define('DB_PASSWORD', 'x');\n"], under: directory)
        let observations = try await scan(directory)
        #expect(results(observations) == ["infra/prod.tfstate.backup": "unignored-sensitive-file", "wp-config.php": "unignored-sensitive-file"],
                "\(results(observations))")
        #expect(observations.notes.contains { $0.contains("not a git repository") })
    }

    /// A service in a monorepo has no .gitignore of its own: the repository's top-level one covers it, and
    /// its rules (not only the service's files) decide.
    @Test func aDirectoryInsideARepositoryUsesTheRepositorysIgnoreFile() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write([".gitignore": "*.env\n", "services/api/main.go": "package main\n", "services/api/prod.env": "KEY=abc\n",
                            "services/api/dump.sql.gz": "x"], under: directory)
        try await git("init", "-q", "-b", "main", in: directory)
        let observations = try await scan(directory.appendingPathComponent("services/api"))
        #expect(results(observations) == ["dump.sql.gz": "unignored-sensitive-file"], "\(results(observations))")
    }

    @Test func aProjectWithoutIgnoreFileIsReported() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(["main.go": "package main\n"], under: directory)
        let observations = try await scan(directory)
        #expect(results(observations) == [".gitignore": "missing-gitignore"])
        #expect(observations.findings.first?.severity == .low)
    }
}
