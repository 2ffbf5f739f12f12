import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// Malformed lockfiles and manifests: each gives an error naming the file (and the line or field where
/// the format allows), and a scan reads the other files and records the ones it could not.
@Suite struct LockfileBadInputTests {
    /// Formats whose truncation is always detectable, with a real fixture cut to half its bytes. (A YAML
    /// lockfile cut at a line end is often still a valid, shorter document, as is a line-based one.)
    static let truncatable: [(format: String, fixture: String)] = [
        ("npm-package-lock", "nodejs/npm/package-lock_v3.json"),
        ("pipfile-lock", "python/pipenv/Pipfile_normal.lock"),
        ("poetry-lock", "python/poetry/poetry_normal.lock"),
        ("uv-lock", "python/uv/uv_normal.lock"),
        ("cargo-lock", "rust/cargo/cargo_normal.lock"),
        ("composer-lock", "php/composer/composer_happy.lock"),
        ("nuget-lock", "nuget/lock/packages_lock_simple.json"),
        ("swiftpm-resolved", "swift/swift/happy-v2-Package.resolved"),
        ("maven-pom", "java/pom/happy/pom.xml"),
        ("bun-lock", "nodejs/bun/bun_happy.lock"),
        ("dotnet-deps", "dotnet/core_deps/happy.deps.json"),
        ("julia-manifest", "julia/manifest/primary/Manifest_v1.8.toml"),
        ("nuget-packages-config", "nuget/config/packages.config"),
        ("pyproject", "python/pyproject/happy_v2.toml"),
    ]

    @Test(arguments: truncatable.map(\.format))
    func aTruncatedFileIsAnErrorNamingIt(format id: String) throws {
        let fixture = Self.truncatable.first { $0.format == id }!.fixture
        let data = try Fixtures.data("lockfiles/trivy-parser-testdata/" + fixture)
        let text = String(decoding: data.prefix(data.count / 2), as: UTF8.self)
        let format = try #require(Catalogers.all.first { $0.id == id })
        #expect {
            _ = try format.read(ManifestFile(path: "app/" + fixture, text: text))
        } throws: { error in
            guard case ScannersError.invalidManifest(let path, _, let reason) = error else { return false }
            return path == "app/" + fixture && !reason.isEmpty
        }
    }

    @Test(arguments: [
        ("npm-package-lock", #"{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": 7}}}"#, "field packages.node_modules/a.version: expected a string"),
        ("composer-lock", #"{"packages": [{"name": "a/b", "version": "1.0", "license": 5}]}"#, "field packages.[0].license: expected an array"),
        ("cargo-lock", "[[package]]\nname = \"a\"\n", "package [0] has no name or version"),
        ("pipfile-lock", #"{"default": []}"#, "field default: expected an object"),
        ("go-sum", "github.com/a/b v1.0.0\n", "expected `module version hash`"),
        ("conda-environment", "dependencies:\n  - 1\n", "dependency `1` is not a package spec (a package name has letters)"),
    ])
    func aFieldOfTheWrongTypeIsNamed(format id: String, text: String, reason: String) throws {
        let format = try #require(Catalogers.all.first { $0.id == id })
        #expect {
            _ = try format.read(ManifestFile(path: "lockfile", text: text))
        } throws: { error in
            guard case ScannersError.invalidManifest(_, _, let actual) = error else { return false }
            return actual == reason
        }
    }

    /// Keys that start with a non-ASCII character (what a lockfile cut inside a UTF-8 sequence holds) are
    /// errors with their line, never a crash: the input on which toml++ (TOMLKit) aborts a debug build.
    @Test(arguments: [("[\u{FFFD}]\nname = \"a\"\n", 1), ("[package]\na.é = 1\n", 2), ("[package]\nx = {é = 1}\n", 2)])
    func nonASCIIKeysInTOMLAreErrorsWithTheirLine(text: String, line expected: Int) throws {
        let format = try #require(Catalogers.all.first { $0.id == "cargo-lock" })
        #expect {
            _ = try format.read(ManifestFile(path: "Cargo.lock", text: text))
        } throws: { error in
            guard case ScannersError.invalidManifest(_, let line, let reason) = error else { return false }
            return line == expected && reason.hasPrefix("invalid TOML")
        }
    }

    @Test func aScanReadsTheGoodFilesAndRecordsTheBadOnes() async throws {
        let tree = try Fixtures.makeTemporaryDirectory("bad-lockfiles")
        defer { try? FileManager.default.removeItem(at: tree) }
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("good"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("bad"), withIntermediateDirectories: true)
        try Fixtures.data("lockfiles/trivy-parser-testdata/rust/cargo/cargo_normal.lock").write(to: tree.appendingPathComponent("good/Cargo.lock"))
        try Data(#"{"lockfileVersion": 3, "packages": {"#.utf8).write(to: tree.appendingPathComponent("bad/package-lock.json"))
        try Data([0x80, 0x81, 0xFE, 0x00, 0xC3, 0x28]).write(to: tree.appendingPathComponent("bad/Gemfile.lock"))
        try Data("[[package]\nname = \"x\"\n".utf8).write(to: tree.appendingPathComponent("bad/poetry.lock"))
        let root = try TreeWalker.resolveRoot(tree.path)
        let walked = try TreeWalker(excludes: try PathPatternSet([]), maxFileSize: 1 << 20).walk(root: root)
        let observations = try await DependenciesScanner().scan(ScanTarget(name: "t", root: root, tree: walked))
        #expect(Set(observations.components.map(\.manifestPath)) == ["good/Cargo.lock"])
        #expect(observations.notes.count == 3)
        #expect(observations.notes.contains { $0.hasPrefix("bad/package-lock.json: invalid JSON") })
        #expect(observations.notes.contains("bad/Gemfile.lock: neither UTF-8 nor UTF-16 text; not read as gemfile-lock"))
        #expect(observations.notes.contains { $0.hasPrefix("bad/poetry.lock:1: invalid TOML") })
    }

    @Test func aLockfileOverTheSizeLimitIsSkippedWithANote() throws {
        let tree = try Fixtures.makeTemporaryDirectory("huge-lockfile")
        defer { try? FileManager.default.removeItem(at: tree) }
        try Data(count: 2 << 20).write(to: tree.appendingPathComponent("yarn.lock"))
        let walked = try TreeWalker(excludes: try PathPatternSet([]), maxFileSize: 1 << 20).walk(root: try TreeWalker.resolveRoot(tree.path))
        #expect(walked.files.isEmpty)
        #expect(walked.notes.contains { $0.contains("yarn.lock") })
    }
}
