import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// Packages that are not plain registry downloads are inventoried as what they are: local folders,
/// tarballs, git checkouts and workspace members marked with their source; platform-specific optional
/// packages marked with their platforms; dependencies a manifest declares and the lockfile lacks marked
/// missing. Yarn scopes follow `package.json` (syft's dev-deps fixtures), yarn and Go workspace members
/// scanned alone read the workspace's files.
@Suite struct LocalAndPlatformPackageTests {
    typealias Key = Component.Property

    /// Scans `folder` (below `root`) with the dependencies scanner.
    static func scan(_ root: URL, folder: String = "") async throws -> Observations {
        let scanned = try TreeWalker.resolveRoot(folder.isEmpty ? root.path : root.appendingPathComponent(folder).path)
        let tree = try TreeWalker(excludes: try PathPatternSet([]), maxFileSize: 1 << 20).walk(root: scanned)
        return try await DependenciesScanner().scan(ScanTarget(name: "t", root: scanned, tree: tree))
    }

    /// A fresh folder with fixture copies (`destination: fixture`) and written files.
    static func tree(fixtures: [String: String] = [:], files: [String: String] = [:]) throws -> URL {
        let root = try Fixtures.makeTemporaryDirectory("local-packages")
        for (destination, fixture) in fixtures {
            let url = root.appendingPathComponent(destination)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Fixtures.data(fixture).write(to: url)
        }
        try Fixtures.write(files, under: root)
        return root
    }

    static func byName(_ observations: Observations) -> [String: Component] {
        Dictionary(observations.components.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - Yarn scopes and sync with package.json

    @Test(arguments: ["yarn-dev-deps", "yarn-berry-dev-deps"])
    func yarnScopesFollowWhatPackageJSONDeclares(_ fixture: String) async throws {
        let folder = "lockfiles/syft-fixtures/javascript/" + fixture
        let root = try Self.tree(fixtures: ["yarn.lock": folder + "/yarn.lock", "package.json": folder + "/package.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        let scopes = Dictionary(uniqueKeysWithValues: observations.components.map { ($0.name, $0.scope) })
        #expect(scopes == ["prod-pkg": .required, "shared-pkg": .required, "dev-pkg": .development, "dev-only-transitive": .development])
        #expect(observations.notes.isEmpty, "\(observations.notes)")
    }

    @Test func withoutPackageJSONEveryYarnPackageIsRequiredAsBefore() async throws {
        let root = try Self.tree(fixtures: ["yarn.lock": "lockfiles/syft-fixtures/javascript/yarn-dev-deps/yarn.lock"])
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        #expect(observations.components.count == 4)
        #expect(observations.components.allSatisfy { $0.scope == .required && $0.properties.isEmpty })
    }

    @Test func aDeclaredDependencyTheYarnLockfileLacksIsInventoriedAsMissing() async throws {
        let manifest = #"{"dependencies": {"prod-pkg": "^2.0.0", "left-pad": "^1.3.0"}, "devDependencies": {"dev-pkg": "^1.0.0"}}"#
        let root = try Self.tree(fixtures: ["yarn.lock": "lockfiles/syft-fixtures/javascript/yarn-dev-deps/yarn.lock"],
                                 files: ["package.json": manifest])
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        let components = Self.byName(observations)
        let leftPad = try #require(components["left-pad"])
        #expect(leftPad.version.isEmpty && leftPad.purl == "pkg:npm/left-pad")
        #expect(leftPad.properties == [Key.lockfile: "missing", Key.declared: "^1.3.0"])
        #expect(observations.components.filter { $0.name == "prod-pkg" }.map(\.version).sorted() == ["", "1.0.0"],
                "the locked 1.0.0 is still what is installed; the declared ^2.0.0 is missing")
        #expect(observations.notes.contains(
            "yarn.lock: out of sync with package.json: 2 declared dependencies are not locked (left-pad ^1.3.0, prod-pkg ^2.0.0); inventoried without a version; run `yarn install` to update the lockfile"),
            "\(observations.notes)")
        #expect(observations.notes.contains(
            "yarn.lock: 2 locked packages are not reached from any dependency package.json declares (prod-pkg@1.0.0, shared-pkg@1.0.0); the lockfile is out of date"))
    }

    // MARK: - Local, git and unknown sources

    @Test func yarnLocalAndGitEntriesKeepTheirSource() throws {
        let folder = LockfileCorpusTests.root.appendingPathComponent("nodejs/yarn")
        func read(_ name: String) throws -> Catalog {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return try YarnLock.read(ManifestFile(path: name, text: text))
        }
        let local = try read("yarn_with_local.lock").components.first { $0.name == "local-package" }
        #expect(local?.version == "0.0.1" && local?.properties == [Key.source: "file:vendor/local-package.tar.gz"])
        #expect(local?.isLocal == true)
        let git = try read("yarn_with_git.lock").components
        #expect(git.map(\.properties) == [[Key.source: "git+https://github.com/jrd/mapbox-gl-feature-drag-and-drop.git#538b1126e0d15210e91b4a34ffc223b4fec1ef87"]])
        let bad = try read("yarn_with_bad_protocol.lock")
        #expect(bad.components.map(\.name) == ["jquery"])
        #expect(bad.skipped == ["asap@unsupported:~2.0.6: unknown protocol `unsupported:`"])
    }

    /// A yarn 4 monorepo: two members (one using the other through `workspace:^`), a `file:` tarball, and
    /// esbuild's platform packages (`conditions`, optional through `dependenciesMeta`).
    static let berryMonorepo: [String: String] = [
        "package.json": #"{"name": "monorepo", "private": true, "workspaces": ["packages/*"]}"#,
        "packages/web/package.json": #"{"name": "@acme/web", "version": "2.1.0", "dependencies": {"@acme/utils": "workspace:^", "esbuild": "^0.19.0"}}"#,
        "packages/utils/package.json": #"{"name": "@acme/utils", "version": "0.3.0", "dependencies": {"local-thing": "file:./vendor/local-thing.tgz"}}"#,
        "yarn.lock": """
            # This file is generated by running "yarn install" inside your project.
            # Manual changes might be lost - proceed with caution!

            __metadata:
              version: 8
              cacheKey: 10c0

            "@acme/utils@workspace:^, @acme/utils@workspace:packages/utils":
              version: 0.0.0-use.local
              resolution: "@acme/utils@workspace:packages/utils"
              dependencies:
                local-thing: "file:./vendor/local-thing.tgz::locator=%40acme%2Futils%40workspace%3Apackages%2Futils"
              languageName: unknown
              linkType: soft

            "@acme/web@workspace:packages/web":
              version: 0.0.0-use.local
              resolution: "@acme/web@workspace:packages/web"
              dependencies:
                "@acme/utils": "workspace:^"
                esbuild: "npm:^0.19.0"
              languageName: unknown
              linkType: soft

            "@esbuild/darwin-arm64@npm:0.19.12":
              version: 0.19.12
              resolution: "@esbuild/darwin-arm64@npm:0.19.12"
              conditions: os=darwin & cpu=arm64
              languageName: node
              linkType: hard

            "@esbuild/linux-x64@npm:0.19.12":
              version: 0.19.12
              resolution: "@esbuild/linux-x64@npm:0.19.12"
              conditions: os=linux & cpu=x64
              languageName: node
              linkType: hard

            "esbuild@npm:^0.19.0":
              version: 0.19.12
              resolution: "esbuild@npm:0.19.12"
              dependencies:
                "@esbuild/darwin-arm64": "npm:0.19.12"
                "@esbuild/linux-x64": "npm:0.19.12"
              dependenciesMeta:
                "@esbuild/darwin-arm64":
                  optional: true
                "@esbuild/linux-x64":
                  optional: true
              checksum: 10c0/0f2d21ffe24ebead64843f87c3aebe2e703a5ed9feb086a0728b24907fac2eb9923e4a79857d3df9059c915739bd7a870dd667972eae325c67f478b592b8582d
              languageName: node
              linkType: hard

            "local-thing@file:./vendor/local-thing.tgz::locator=%40acme%2Futils%40workspace%3Apackages%2Futils":
              version: 1.2.0
              resolution: "local-thing@file:./vendor/local-thing.tgz#./vendor/local-thing.tgz::hash=1a2b3c&locator=%40acme%2Futils%40workspace%3Apackages%2Futils"
              languageName: node
              linkType: hard

            "monorepo@workspace:.":
              version: 0.0.0-use.local
              resolution: "monorepo@workspace:."
              languageName: unknown
              linkType: soft

            """,
    ]

    @Test func aYarnBerryMonorepoInventoriesMembersTarballsAndPlatformPackages() async throws {
        let root = try Self.tree(files: Self.berryMonorepo)
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        let lock = observations.components.filter { $0.manifestPath == "yarn.lock" }
        #expect(lock.map(\.purl) == [
            "pkg:npm/%40acme/utils@0.3.0?source=workspace:packages%2Futils", "pkg:npm/%40acme/web@2.1.0?source=workspace:packages%2Fweb",
            "pkg:npm/%40esbuild/darwin-arm64@0.19.12", "pkg:npm/%40esbuild/linux-x64@0.19.12", "pkg:npm/esbuild@0.19.12",
            "pkg:npm/local-thing@1.2.0?source=file:.%2Fvendor%2Flocal-thing.tgz",
        ], "the root workspace is the project, not a component; local packages are qualified by their source")
        let components = Self.byName(observations)
        #expect(components["@acme/web"]?.properties == [Key.source: "workspace:packages/web"])
        #expect(components["@acme/web"]?.dependsOn == ["pkg:npm/%40acme/utils@0.3.0?source=workspace:packages%2Futils", "pkg:npm/esbuild@0.19.12"])
        #expect(components["local-thing"]?.properties == [Key.source: "file:./vendor/local-thing.tgz"])
        #expect(components["@esbuild/darwin-arm64"]?.properties == [Key.os: "darwin", Key.cpu: "arm64"])
        #expect(components["@esbuild/darwin-arm64"]?.scope == .optional && components["@esbuild/linux-x64"]?.scope == .optional)
        #expect(components["esbuild"]?.scope == .required && components["esbuild"]?.properties.isEmpty == true)
        #expect(!observations.notes.contains { $0.contains("out of sync") || $0.contains("not reached") }, "\(observations.notes)")
    }

    @Test func aMalformedWorkspaceMemberManifestIsNamedAndTheRestIsRead() async throws {
        var files = Self.berryMonorepo
        files["packages/web/package.json"] = #"{"name": "@acme/web", "version": 2}"#
        let root = try Self.tree(files: files)
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        #expect(observations.components.contains { $0.name == "@acme/web" && $0.version.isEmpty })
        #expect(observations.components.contains { $0.name == "esbuild" && $0.version == "0.19.12" })
        #expect(observations.notes.filter { $0.contains("packages/web/package.json") }.count == 1, "\(observations.notes)")
        #expect(!observations.notes.contains { $0.contains("not reached") }, "an unread member's dependencies are not called stale")
    }

    @Test func aYarnWorkspaceMemberScannedAloneGetsItsSubtree() async throws {
        let root = try Self.tree(files: Self.berryMonorepo)
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root, folder: "packages/utils")
        #expect(observations.components.map(\.purl) == ["pkg:npm/local-thing@1.2.0?source=file:.%2Fvendor%2Flocal-thing.tgz"])
        #expect(observations.components.first?.manifestPath == "../../yarn.lock")
        #expect(observations.notes.contains { $0.hasPrefix("packages/utils is a member of the workspace at ../../") })

        let classic = try Self.tree(
            fixtures: ["yarn.lock": "lockfiles/syft-fixtures/javascript/yarn-dev-deps/yarn.lock"],
            files: ["package.json": #"{"private": true, "workspaces": ["apps/*"]}"#,
                    "apps/api/package.json": #"{"name": "api", "dependencies": {"prod-pkg": "^1.0.0"}}"#])
        defer { try? FileManager.default.removeItem(at: classic) }
        let member = try await Self.scan(classic, folder: "apps/api")
        #expect(member.components.map { "\($0.purl) \($0.scope)" } == ["pkg:npm/prod-pkg@1.0.0 required", "pkg:npm/shared-pkg@1.0.0 required"])
    }

    // MARK: - npm and pnpm

    @Test func npmWorkspaceFoldersLocalFoldersGitAndPlatformPackagesAreMarked() async throws {
        let lockfile = """
            {"name": "mono", "lockfileVersion": 3, "requires": true, "packages": {
              "": {"name": "mono", "workspaces": ["packages/*"], "dependencies": {"local-lib": "file:../local-lib"}},
              "../local-lib": {"name": "local-lib", "version": "0.1.0"},
              "node_modules/local-lib": {"resolved": "../local-lib", "link": true},
              "node_modules/@acme/web": {"resolved": "packages/web", "link": true},
              "packages/web": {"name": "@acme/web", "version": "2.1.0", "dependencies": {"esbuild": "^0.19.0", "tiny": "github:acme/tiny#v1"}},
              "node_modules/esbuild": {"version": "0.19.12", "resolved": "https://registry.npmjs.org/esbuild/-/esbuild-0.19.12.tgz",
                "optionalDependencies": {"@esbuild/linux-x64": "0.19.12"}},
              "node_modules/@esbuild/linux-x64": {"version": "0.19.12", "resolved": "https://registry.npmjs.org/@esbuild/linux-x64/-/linux-x64-0.19.12.tgz",
                "cpu": ["x64"], "optional": true, "os": ["linux"]},
              "node_modules/tiny": {"version": "1.0.0", "resolved": "git+ssh://git@github.com/acme/tiny.git#0123456789abcdef0123456789abcdef01234567"}
            }}
            """
        let components = Dictionary(
            try NPMLock.parse(ManifestFile(path: "package-lock.json", text: lockfile)).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(components["@acme/web"]?.properties == [Key.source: "workspace:packages/web"])
        #expect(components["local-lib"]?.properties == [Key.source: "file:../local-lib"])
        #expect(components["tiny"]?.properties == [Key.source: "git+ssh://git@github.com/acme/tiny.git#0123456789abcdef0123456789abcdef01234567"])
        #expect(components["@esbuild/linux-x64"]?.properties == [Key.os: "linux", Key.cpu: "x64"])
        #expect(components["@esbuild/linux-x64"]?.scope == .optional)
        #expect(components["esbuild"]?.properties.isEmpty == true)
    }

    @Test func pnpmPlatformPackagesKeepTheirFilters() throws {
        let components = try LockfileCorpusTests.components("nodejs/pnpm", "pnpm-lock_v6_with_dev.yaml")
        let fsevents = try #require(components.first { $0.name == "fsevents" })
        #expect(fsevents.properties == [Key.os: "darwin"] && fsevents.scope == .development)
        #expect(fsevents.isPlatformSpecific)
    }

    // MARK: - Go workspaces

    static let goWorkspace: [String: String] = [
        "go.work": """
            go 1.22

            use (
            \t./services/api
            \t./libs/auth
            )

            replace github.com/old/log v1.0.0 => github.com/new/log v1.4.2
            replace example.com/forked => ./third_party/forked
            """,
        "services/api/go.mod": """
            module example.com/api

            go 1.22

            require (
            \texample.com/auth v0.0.0-00010101000000-000000000000
            \texample.com/forked v1.1.0
            \tgithub.com/old/log v1.0.0
            \tgolang.org/x/text v0.14.0
            )
            """,
        "libs/auth/go.mod": "module example.com/auth\n\ngo 1.22\n\nrequire golang.org/x/crypto v0.17.0\n",
        "third_party/forked/go.mod": "module example.com/forked\n",
    ]

    @Test func aGoWorkspaceResolvesMembersAndAppliesItsReplacements() async throws {
        let root = try Self.tree(files: Self.goWorkspace)
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        let api = observations.components.filter { $0.manifestPath == "services/api/go.mod" }
        #expect(api.map { "\($0.purl) \($0.properties)" } == [
            "pkg:golang/example.com/api [:]",
            "pkg:golang/example.com/auth?source=workspace:..%2F..%2Flibs%2Fauth [\"source\": \"workspace:../../libs/auth\"]",
            "pkg:golang/example.com/forked?source=file:..%2F..%2Fthird_party%2Fforked [\"source\": \"file:../../third_party/forked\"]",
            "pkg:golang/github.com/new/log@v1.4.2 [:]",
            "pkg:golang/golang.org/x/text@v0.14.0 [:]",
        ])
        #expect(observations.components.contains { $0.purl == "pkg:golang/golang.org/x/crypto@v0.17.0" && $0.manifestPath == "libs/auth/go.mod" })
        #expect(observations.notes.contains("go.work: a Go workspace of 2 modules (services/api, libs/auth); 3 requirements resolved to workspace members or its replacements"))
    }

    @Test func aGoWorkspaceMemberScannedAloneReadsTheAncestorsGoWork() async throws {
        let root = try Self.tree(files: Self.goWorkspace)
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root, folder: "services/api")
        #expect(observations.components.map(\.purl) == [
            "pkg:golang/example.com/api", "pkg:golang/example.com/auth?source=workspace:..%2F..%2Flibs%2Fauth",
            "pkg:golang/example.com/forked?source=file:..%2F..%2Fthird_party%2Fforked",
            "pkg:golang/github.com/new/log@v1.4.2", "pkg:golang/golang.org/x/text@v0.14.0",
        ])
        #expect(Self.byName(observations)["example.com/auth"]?.properties == [Key.source: "workspace:../../libs/auth"])
        #expect(observations.notes.first { $0.hasPrefix("../../go.work") } != nil, "\(observations.notes)")
    }

    @Test func aMalformedGoWorkIsANoteAndTheModulesAreStillRead() async throws {
        let root = try Self.tree(files: ["go.work": "go 1.22\nuse\n", "go.mod": "module example.com/x\n\nrequire golang.org/x/text v0.14.0\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let observations = try await Self.scan(root)
        #expect(observations.components.map(\.purl) == ["pkg:golang/example.com/x", "pkg:golang/golang.org/x/text@v0.14.0"])
        #expect(observations.notes == ["go.work:2: use needs a folder; the workspace is not applied"])
    }
}
