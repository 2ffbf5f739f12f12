import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// A workspace member scanned on its own reads its ancestor's lockfile and reports its own subtree: trivy's
/// npm workspace lockfile (`functions/*`), its pnpm v9 lockfile with a `subdir` importer, and its Cargo
/// lockfile with the `normal` crate as a member.
@Suite struct WorkspaceLockfileTests {
    /// `files` under a fresh folder (a lockfile copied from the fixtures, manifests written), and the walk of `member`.
    static func scanMember(_ lockfile: (fixture: String, name: String), member: String, manifest: (String, String))
        async throws -> (Observations, URL) {
        let root = try Fixtures.makeTemporaryDirectory("workspace")
        try Fixtures.data(lockfile.fixture).write(to: root.appendingPathComponent(lockfile.name))
        try Fixtures.write([member + "/" + manifest.0: manifest.1], under: root)
        let memberRoot = try TreeWalker.resolveRoot(root.appendingPathComponent(member).path)
        let tree = try TreeWalker(excludes: try PathPatternSet([]), maxFileSize: 1 << 20).walk(root: memberRoot)
        return (try await DependenciesScanner().scan(ScanTarget(name: "member", root: memberRoot, tree: tree)), root)
    }

    @Test func anNPMWorkspaceMemberGetsItsOwnSubtree() async throws {
        let (observations, root) = try await Self.scanMember(
            ("lockfiles/trivy-parser-testdata/nodejs/npm/package-lock_v3_with_workspace.json", "package-lock.json"),
            member: "functions/nested_func", manifest: ("package.json", #"{"name": "nested_func", "version": "1.0.0", "dependencies": {"debug": "^2.6.9"}}"#))
        defer { try? FileManager.default.removeItem(at: root) }
        // Its own debug (installed under it), and ms which that debug finds at the top; not the root's debug 2.5.2.
        #expect(observations.components.map(\.purl) == ["pkg:npm/debug@2.6.9", "pkg:npm/ms@2.0.0"])
        #expect(observations.components.allSatisfy { $0.manifestPath == "../../package-lock.json" })
        #expect(observations.notes.contains { $0.contains("functions/nested_func is a member of the workspace") })
    }

    @Test func aMemberThatUsesASiblingGetsTheSiblingAndItsSubtree() async throws {
        let (observations, root) = try await Self.scanMember(
            ("lockfiles/trivy-parser-testdata/nodejs/npm/package-lock_v3_with_workspace.json", "package-lock.json"),
            member: "functions/func1", manifest: ("package.json", #"{"name": "function1", "dependencies": {"nested_func": "^1.0.0"}}"#))
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(observations.components.map(\.purl) == ["pkg:npm/debug@2.6.9", "pkg:npm/ms@2.0.0", "pkg:npm/nested_func@1.0.0?source=workspace:functions%2Fnested_func"])
    }

    @Test func aPnpmImporterGetsItsOwnSubtree() async throws {
        let (observations, root) = try await Self.scanMember(
            ("lockfiles/trivy-parser-testdata/nodejs/pnpm/pnpm-lock_v9.yaml", "pnpm-lock.yaml"),
            member: "subdir", manifest: ("package.json", #"{"name": "subdir", "dependencies": {"sleep-utils": "1.0.3"}}"#))
        defer { try? FileManager.default.removeItem(at: root) }
        let purls = observations.components.map(\.purl)
        #expect(purls.contains("pkg:npm/sleep-utils@1.0.3"), "\(purls)")
        #expect(!purls.contains("pkg:npm/jquery@3.6.0") && !purls.contains("pkg:npm/promise@8.1.0"), "the root importer's are not the member's")
        #expect(observations.components.allSatisfy { $0.manifestPath == "../pnpm-lock.yaml" })
    }

    @Test func aCargoWorkspaceCrateGetsWhatItDependsOn() async throws {
        let (observations, root) = try await Self.scanMember(
            ("lockfiles/trivy-parser-testdata/rust/cargo/cargo_normal.lock", "Cargo.lock"),
            member: "crates/normal", manifest: ("Cargo.toml", "[package]\nname = \"normal\"\nversion = \"0.1.0\"\n"))
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(observations.components.map(\.purl) == ["pkg:cargo/libc@0.2.54"])
        #expect(observations.components.first?.manifestPath == "../../Cargo.lock")
    }

    @Test func aFolderTheLockfileDoesNotListIsNamedNotGuessed() async throws {
        let (observations, root) = try await Self.scanMember(
            ("lockfiles/trivy-parser-testdata/nodejs/npm/package-lock_v3_with_workspace.json", "package-lock.json"),
            member: "tools/unlisted", manifest: ("package.json", #"{"name": "unlisted"}"#))
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(observations.components.isEmpty)
        #expect(observations.notes == ["../../package-lock.json does not list tools/unlisted as a workspace member; its dependencies are not read"])
    }

    @Test func aProjectWithItsOwnLockfileOrARepositoryTopLooksNoHigher() async throws {
        let root = try Fixtures.makeTemporaryDirectory("workspace-own")
        defer { try? FileManager.default.removeItem(at: root) }
        try Fixtures.data("lockfiles/trivy-parser-testdata/nodejs/npm/package-lock_v3_with_workspace.json").write(to: root.appendingPathComponent("package-lock.json"))
        try Fixtures.write(["app/package.json": "{}", "app/.git/HEAD": "ref: refs/heads/main\n"], under: root)
        #expect(WorkspaceLockfiles.ancestorLockfile(of: root.appendingPathComponent("app").path, names: ["package-lock.json"]) == nil)
    }
}
