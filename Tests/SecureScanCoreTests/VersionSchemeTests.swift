import Foundation
import Testing
import TestSupport
@testable import SecureScanCore

/// Version ordering per ecosystem: each list is ascending, taken from the ecosystem's own documentation
/// and test suites; PEP 440 and Maven are also checked against the reference implementations.
@Suite struct VersionSchemeTests {
    static let ascending: [VersionScheme: [[String]]] = [
        .semver: [
            ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"],
            ["v0.0.0-20190101000000-abcdef123456", "v0.0.0-20200101000000-abcdef123456", "v0.1.0", "v1.2.3", "v1.10.0", "v2.0.0+incompatible"],
            ["1", "1.1", "1.1.1", "1.2.0", "10.0.0", "99999999999999999999.0.0"],
        ],
        .pep440: [
            ["1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
             "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456",
             "1.0.15", "1.1.dev1"],
            ["0.9", "1!0.1", "1!1.0"],
        ],
        .maven: [
            ["1-alpha-1", "1-alpha-2", "1-beta-1", "1-milestone-1", "1-rc-1", "1-snapshot", "1", "1-sp-1", "1-abc", "1.0.1", "1.1", "2.0"],
            ["2.0-beta9", "2.0-rc1", "2.0", "2.3.1", "2.12.2", "2.14.1", "2.15.0"],
        ],
        .rubygems: [
            ["1.0.a", "1.0.a.1", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.1", "1.10", "2.0.0.pre", "2.0.0"],
        ],
        .nuget: [
            ["1.0.0-ALPHA", "1.0.0-beta", "1.0.0-RC.1", "1.0.0", "1.0.0.1", "1.0.1", "1.1.0"],
        ],
        .composer: [
            ["1.0.0-dev", "1.0.0-alpha1", "1.0.0-beta2", "1.0.0-RC1", "1.0.0", "1.0.0-p1", "1.0.1", "v1.1", "2.0.0.1"],
        ],
    ]

    @Test(arguments: VersionScheme.allCases.filter { ascending[$0] != nil })
    func versionsOrderAsTheirEcosystemOrdersThem(scheme: VersionScheme) {
        for list in Self.ascending[scheme]! {
            for (i, a) in list.enumerated() {
                for (j, b) in list.enumerated() {
                    let expected = i < j ? -1 : (i > j ? 1 : 0)
                    #expect(scheme.compare(a, b) == expected, "\(scheme): \(a) vs \(b)")
                }
            }
        }
    }

    @Test func equalSpellingsAreEqual() {
        #expect(VersionScheme.semver.compare("v1.2.3", "1.2.3+build.5") == 0)
        #expect(VersionScheme.pep440.compare("1.0", "1.0.0") == 0)
        #expect(VersionScheme.pep440.compare("1.0RC1", "1.0rc1") == 0)
        #expect(VersionScheme.pep440.compare("1.0-post1", "1.0.post1") == 0)
        #expect(VersionScheme.maven.compare("1.0.0", "1") == 0)
        #expect(VersionScheme.maven.compare("1.0-ga", "1.0-final") == 0)
        #expect(VersionScheme.maven.compare("1-cr1", "1-rc1") == 0)
        #expect(VersionScheme.rubygems.compare("1.0.0", "1") == 0)
        #expect(VersionScheme.nuget.compare("1.0.0-Beta", "1.0.0-beta") == 0)
        #expect(VersionScheme.composer.compare("v1.2", "1.2.0") == 0)
    }

    @Test func unreadableVersionsAreNotOrdered() {
        #expect(VersionScheme.semver.compare("latest", "1.0.0") == nil)
        #expect(VersionScheme.pep440.compare("1.0-foo-bar", "1.0") == nil)
        #expect(VersionScheme.composer.compare("dev-main", "1.0") == nil)
    }

    static let pep440Sample = [
        "0.1", "0.9", "1.0.dev1", "1.0a1", "1.0a1.post1", "1.0b1", "1.0rc1", "1.0rc2.dev3", "1.0", "1.0.0", "1.0.post1", "1.0.post2.dev1",
        "1.0+local", "1.0+local.2", "1.0+2", "1.0.1", "1.1a1", "1.1", "1.10", "2.0.dev0", "2.0c1", "2.0rc1", "2.0", "2!0.1", "1.0.0.0.1",
        "3.0.0b3", "3.0.0", "21.3", "2023.10.1", "0.0.0", "1.0-1", "1.0_rc_1", "1.0.alpha.1", "1.0-preview2", "1.0-r4",
    ]

    @Test func pep440AgreesWithPythonPackaging() async throws {
        let script = """
            import json, sys
            from packaging.version import Version
            vs = json.loads(sys.argv[1])
            print(json.dumps([[(Version(a) > Version(b)) - (Version(a) < Version(b)) for b in vs] for a in vs]))
            """
        let list = String(decoding: try JSONEncoder().encode(Self.pep440Sample), as: UTF8.self)
        let result = try await PythonTool.run(["-c", script, list])
        try #require(result.status == 0, "\(result.output)")
        let expected = try JSONDecoder().decode([[Int]].self, from: Data(result.output.utf8))
        for (i, a) in Self.pep440Sample.enumerated() {
            for (j, b) in Self.pep440Sample.enumerated() {
                #expect(VersionScheme.pep440.compare(a, b) == expected[i][j], "\(a) vs \(b)")
            }
        }
    }

    static let mavenSample = [
        "1", "1.0", "1.0.0", "1-alpha", "1.0-alpha-1", "1.0-alpha1", "1.0-beta-2", "1.0-b2", "1.0-m1", "1.0-RC1", "1.0-cr2", "1.0-SNAPSHOT",
        "1.0-ga", "1.0-final", "1.0-sp1", "1.0-xyz", "1.0.1", "1.0.1-SNAPSHOT", "1.1", "1.1-foo", "1.2.3.4", "2.0-beta9", "2.0", "2.3.1",
        "2.12.2", "2.14.1", "2.15.0", "2.16.0-rc1", "10", "1-1", "1-0", "1.0-1", "1.0.0-2", "5.3.20.RELEASE", "5.3.20",
    ]

    @Test func mavenAgreesWithMavensComparableVersion() async throws {
        let jar = "/usr/share/maven/lib/maven-artifact-3.x.jar"
        try #require(FileManager.default.fileExists(atPath: jar), "make setup installs Debian's maven, which ships ComparableVersion")
        let sorted = Self.mavenSample.sorted { VersionScheme.maven.compare($0, $1)! < 0 }
        let output = try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/java")
            process.arguments = ["-cp", jar, "org.apache.maven.artifact.versioning.ComparableVersion"] + sorted
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        // ComparableVersion prints `a <|==|> b` for each consecutive pair; ours must say the same.
        let verdicts = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.contains("->") && !$0.hasPrefix("Display") }
        #expect(verdicts.count == sorted.count - 1)
        for (index, line) in verdicts.enumerated() {
            let ours = VersionScheme.maven.compare(sorted[index], sorted[index + 1])!
            #expect(line == "\(sorted[index]) \(ours == 0 ? "==" : "<") \(sorted[index + 1])")
        }
    }
}

/// Versions read once and compared many times order exactly as the text comparison does.
@Suite struct VersionKeyTests {
    @Test func keysOrderAsTheSchemeDoes() {
        let pairs: [(VersionScheme, String, String)] = [
            (.pep440, "1.0rc1", "1.0"), (.pep440, "1.0.post1", "1.0"), (.semver, "1.2.3-alpha", "1.2.3"),
            (.maven, "1.0-SNAPSHOT", "1.0"), (.rubygems, "1.0.a", "1.0"), (.nuget, "1.0.0.1", "1.0.0"), (.composer, "1.0-beta", "1.0"),
        ]
        for (scheme, a, b) in pairs {
            let (keyA, keyB) = (scheme.key(a), scheme.key(b))
            #expect(keyA != nil && keyB != nil)
            #expect(keyA?.compare(keyB!) == scheme.compare(a, b), "\(scheme) \(a) \(b)")
            #expect(keyB?.compare(keyB!) == 0)
        }
    }

    @Test func keysOfDifferentSchemesHaveNoOrder() {
        #expect(VersionScheme.pep440.key("1.0")!.compare(VersionScheme.semver.key("1.0.0")!) == nil)
        #expect(VersionScheme.pep440.key("not a version") == nil)
    }
}
