import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// Formats the trivy corpus has inputs for but no expected lists (Maven POMs, pyproject.toml): the
/// expectations here were worked out by hand from each file, following Maven's and PEP 621's rules.
@Suite struct ManifestCatalogTests {
    static let root = Fixtures.url("lockfiles/trivy-parser-testdata")

    /// Reads `relative` the way the scanner does, with the case's own folder (`java/pom/<case>`) as the
    /// target root, so a parent outside it is not found.
    static func catalog(_ relative: String, format id: String) throws -> Catalog {
        let format = try #require(Catalogers.all.first { $0.id == id })
        let parts = relative.split(separator: "/").map(String.init)
        let depth = parts.count > 3 ? 3 : parts.count - 1
        let caseRoot = root.appendingPathComponent(parts.prefix(depth).joined(separator: "/"))
        let inCase = parts.dropFirst(depth).joined(separator: "/")
        let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        let directory = inCase.split(separator: "/").dropLast().joined(separator: "/")
        return try format.read(ManifestFile(path: inCase, text: text, readRelative: { path in
            guard let resolved = ManifestFile.resolve(directory.isEmpty ? path : directory + "/" + path) else { return nil }
            return try? String(contentsOf: caseRoot.appendingPathComponent(resolved), encoding: .utf8)
        }))
    }

    static func summary(_ catalog: Catalog) -> [String] {
        catalog.components.map { "\($0.name)@\($0.version) \($0.scope.rawValue)" }.sorted()
    }

    /// POM → its components as `group:artifact@version scope`, and how many entries were skipped.
    static let poms: [String: (components: [String], skipped: Int)] = [
        "happy": ([
            "com.example:happy@1.0.0 required", "org.example:example-api@1.7.30 required",
            "org.example:example-provided@999 optional", "org.example:example-runtime@1.0.0 required",
        ], 0),
        // The child's own property wins over the parent's declaration of the same dependency.
        "parent-properties/child": (["com.example:child@1.0.0 required", "org.example:example-api@1.7.30 required"], 0),
        // `${project.version}` is the version inherited from the parent, two levels of parents on disk.
        "project-version-from-parent/child": (["com.example:child@2.0.0 required", "org.example:example-api@2.0.0 required"], 0),
        // `${revision}` defined in the parent; the version comes from the parent's dependencyManagement.
        "parent-version-is-property/child": (["com.example:child@1.0.0-SNAPSHOT required", "org.example:example-api@1.1.1 required"], 0),
        "parent-dependency-management/child": (["com.example:child@3.0.0 required", "org.example:example-api@1.7.30 required"], 0),
        // Whitespace around every value is not part of it.
        "with-spaces": (["com.example:root-pom-with-spaces@1.0.0 required", "org.example:example-nested@3.3.3 required"], 0),
        // A hard requirement `[1.2.4]` is that version.
        "hard-requirement": ([
            "com.example:hard@1.0.0 required", "org.example:example-dependency@1.2.4 required", "org.example:example-nested@3.3.4 required",
        ], 0),
        // A range only a repository can resolve is skipped, with a note.
        "version-requirement": (["com.example:hard@1.0.0 required"], 1),
        // An imported BOM is not in the tree: the BOM and the dependency it would version are both noted.
        "import-dependency-management": (["com.example:import@2.0.0 required"], 2),
        // The declared parent is not at ../pom.xml: noted, and the unversioned dependency too.
        "dep-without-version": (["com.example:dep-without-version@1.0.0 required"], 2),
        // ./parent's own parent points back at the child: the loop is noticed and ends.
        "no-parent-infinity-loop": (["com.example:child@1.0.0 required"], 1),
        // A test-scoped dependency is development.
        "inherit-scopes-in-parents-from-root": ([
            "com.example:inherit-scopes-in-parents-from-root@0.1.0 required", "org.example:example-nested-scope-compile@1.0.0 required",
            "org.example:example-nested-scope-empty@1.0.0 development", "org.example:example-nested-scope-runtime@1.0.0 required",
        ], 0),
    ]

    @Test(arguments: poms.keys.sorted())
    func pomComponentsFollowMavensEffectiveModel(_ folder: String) throws {
        let catalog = try Self.catalog("java/pom/\(folder)/pom.xml", format: "maven-pom")
        let expected = try #require(Self.poms[folder])
        #expect(Self.summary(catalog) == expected.components.sorted())
        #expect(catalog.skipped.count == expected.skipped, "\(catalog.skipped)")
    }

    @Test func aPomsLicensesAreInheritedFromTheNearestParentThatDeclaresThem() throws {
        let catalog = try Self.catalog("java/pom/inherit-license/module/submodule/pom.xml", format: "maven-pom")
        #expect(catalog.components.map(\.licenses) == [["Apache-2.0"]])
    }

    @Test func theProjectDependsOnEveryDeclaredDependency() throws {
        let catalog = try Self.catalog("java/pom/happy/pom.xml", format: "maven-pom")
        let project = try #require(catalog.components.first { $0.name == "com.example:happy" })
        #expect(project.dependsOn == catalog.components.filter { $0.name != "com.example:happy" }.map(\.purl).sorted())
        #expect(project.licenses == ["BSD-3-Clause"])
        #expect(project.purl == "pkg:maven/com.example/happy@1.0.0")
    }

    @Test func aMalformedPomNamesTheLine() throws {
        let format = try #require(Catalogers.all.first { $0.id == "maven-pom" })
        #expect {
            try format.read(ManifestFile(path: "svc/pom.xml", text: "<project>\n  <dependencies>\n</project>\n"))
        } throws: { error in
            "\(error)".hasPrefix("svc/pom.xml:3:") && "\(error)".contains("invalid XML")
        }
    }

    /// pyproject.toml → its components; without a lockfile beside it, requirements count at their pins
    /// or lower bounds.
    static let pyprojects: [String: [String]] = [
        "happy.toml": [
            "example@0.1.0 required", "flask@1.0 required", "pytest@8.3.4 development", "requests@2.28.1 optional",
            "ruff@0.8.3 development", "virtualenv@20.4.3 required",
        ],
        "happy_v2.toml": [
            "Flask@1.0 required", "annotated-types@0.7.0 required", "check-wheel-contents@0.6.1 required", "example@0.1.0 required",
            "pluggy@0.13.1 required", "pytest@8.3.4 development", "ruamel.yaml@0.18 required", "typing_extensions@4 required",
        ],
        "happy_with_optional.toml": [
            "click@8.0.0 required", "pytest@8.0.0 optional", "requests@2.32.0 required", "ruff@0.1.0 optional", "test-project@0.1.0 required",
        ],
        "happy_with_optional_only.toml": ["pytest@8.0.0 optional", "ruff@0.1.0 optional", "test-project@0.1.0 required"],
    ]

    @Test(arguments: pyprojects.keys.sorted())
    func pyprojectRequirementsAreComponents(_ file: String) throws {
        #expect(Self.summary(try Self.catalog("python/pyproject/\(file)", format: "pyproject")) == Self.pyprojects[file]!.sorted())
    }

    @Test func aPyprojectNextToALockfileContributesOnlyTheProject() throws {
        let format = try #require(Catalogers.all.first { $0.id == "pyproject" })
        let text = "[project]\nname = \"app\"\nversion = \"2.0\"\nlicense = \"MIT\"\ndependencies = [\"requests>=2\"]\n"
        let catalog = try format.read(ManifestFile(path: "pyproject.toml", text: text, readRelative: { $0 == "uv.lock" ? "version = 1" : nil }))
        #expect(Self.summary(catalog) == ["app@2.0 required"])
        #expect(catalog.components.first?.licenses == ["MIT"])
    }

    @Test func aBrokenPyprojectNamesTheLine() throws {
        #expect {
            try Self.catalog("python/pyproject/sad.toml", format: "pyproject")
        } throws: { error in
            "\(error)".hasPrefix("sad.toml:1:")
        }
    }
}
