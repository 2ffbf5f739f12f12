import Foundation
import Testing
import TestSupport
@testable import SecureScanCore

/// The operating-system package orders against their own projects' tables (`fixtures/versions/`, sources
/// in fixtures/SOURCES.md): apk-tools' `test/version.data`, rpm's `tests/rpmvercmp.at`, and for dpkg a table
/// checked against the real `dpkg --compare-versions` of the machine running the tests (plus a thousand
/// generated pairs, when dpkg is there).
@Suite struct DistributionVersionTests {
    static func lines(_ name: String) throws -> [String] {
        String(decoding: try Fixtures.data("versions/" + name), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func apkOrdersAsApkToolsTestsSay() throws {
        var checked = 0
        for line in try Self.lines("apk-version.data") {
            let fields = line.split(separator: "#")[0].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count == 3 else { continue }
            let expected = ["<": -1, "=": 0, ">": 1][fields[1]]!
            #expect(APKVersion.compare(fields[0], fields[2]) == expected, "\(line)")
            #expect(APKVersion.compare(fields[2], fields[0]) == -expected, "\(line) reversed")
            checked += 1
        }
        #expect(checked >= 120)
    }

    @Test func rpmOrdersAsRpmvercmpTestsSay() throws {
        var checked = 0
        for line in try Self.lines("rpmvercmp.tsv") {
            let fields = line.split(separator: "\t").map(String.init)
            #expect(RPMVersion.vercmp(Array(fields[0].utf8), Array(fields[1].utf8)) == Int(fields[2])!, "\(line)")
            checked += 1
        }
        #expect(checked >= 60)
        // Whole EVRs: the epoch first, then version, then release.
        #expect(RPMVersion("1:1.0-1")! > RPMVersion("2.0-1")!)
        #expect(RPMVersion("1.1.1k-7.el8_6")! < RPMVersion("1.1.1k-9.el8_7")!)
        #expect(RPMVersion("0:1.1.1k-7.el8_6")! == RPMVersion("1.1.1k-7.el8_6")!)
        #expect(VersionScheme.of(ecosystem: "Rocky Linux:9").compare("2.34-60.el9", "2.34-100.el9") == -1)
    }

    @Test func dpkgOrdersAsDpkgItself() async throws {
        let pairs = try Self.lines("dpkg-pairs.tsv").map { $0.split(separator: "\t").map(String.init) }
        for pair in pairs {
            let (a, b) = (DpkgVersion(pair[0])!, DpkgVersion(pair[1])!)
            #expect(DpkgVersion.compare(a, b) == Int(pair[2])!, "\(pair)")
            #expect(DpkgVersion.compare(b, a) == -Int(pair[2])!, "\(pair) reversed")
        }
        #expect(VersionScheme.of(ecosystem: "Debian:12").compare("2.36-9+deb12u3", "2.36-9+deb12u10") == -1)
        #expect(DpkgVersion("") == nil && DpkgVersion("x:1.0") == nil && DpkgVersion("abc") == nil)
        // The real dpkg, where there is one: the table, and generated pairs built from the hard parts.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg") else { return }
        var generator = SystemRandomNumberGenerator()
        let parts = ["0", "1", "01", "10", "9", "~", "~~", "+", ".", "-", "a", "b", "Z", "~rc1", "+deb12u", "ubuntu", ":"]
        var generated: [(String, String)] = []
        while generated.count < 1_000 {
            func make() -> String? {
                var text = String(Int.random(in: 0...3, using: &generator))
                for _ in 0..<Int.random(in: 1...6, using: &generator) { text += parts.randomElement(using: &generator)! }
                guard let version = DpkgVersion(text), version.upstream.last != "-" else { return nil }
                return text.contains("-") && text.hasSuffix("-") ? nil : text
            }
            if let a = make(), let b = make() { generated.append((a, b)) }
        }
        var mismatches: [String] = []
        for (a, b) in pairs.map({ ($0[0], $0[1]) }) + generated {
            let less = try await ExternalCommand.run("/usr/bin/dpkg", ["--compare-versions", a, "lt", b]).status == 0
            let equal = try await ExternalCommand.run("/usr/bin/dpkg", ["--compare-versions", a, "eq", b]).status == 0
            let expected = less ? -1 : (equal ? 0 : 1)
            if DpkgVersion.compare(DpkgVersion(a)!, DpkgVersion(b)!) != expected { mismatches.append("\(a) vs \(b): dpkg says \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test func distributionEcosystemsPickTheirOrders() {
        #expect(VersionScheme.of(ecosystem: "Debian:12") == .dpkg && VersionScheme.of(ecosystem: "Ubuntu:22.04:LTS") == .dpkg)
        #expect(VersionScheme.of(ecosystem: "Alpine:v3.18") == .apk)
        #expect(VersionScheme.of(ecosystem: "Red Hat") == .rpm && VersionScheme.of(ecosystem: "AlmaLinux:9") == .rpm)
        #expect(VersionScheme.apk.isPrerelease("1.0_rc1") && !VersionScheme.apk.isPrerelease("1.0_p1"))
    }
}
