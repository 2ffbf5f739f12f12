import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners

/// Operating-system packages of root filesystems in the tree: a Debian 12 dpkg database (40 packages of a
/// real one, its expected list written by `dpkg-query --admindir` itself) and an Alpine apk database (from
/// trivy's test data), each with its os-release; matched against advisories of their own release only, by
/// source package, in the distribution's version order.
@Suite struct DistroPackagesTests {
    static func manifest(_ root: String, _ path: String, text: String? = nil) throws -> ManifestFile {
        let base = Fixtures.url("rootfs/" + root)
        return ManifestFile(path: path, text: try text ?? String(contentsOf: base.appendingPathComponent(path), encoding: .utf8), readRelative: { relative in
            let directory = (path as NSString).deletingLastPathComponent
            guard let resolved = ManifestFile.resolve(directory + "/" + relative) else { return nil }
            return try? String(contentsOf: base.appendingPathComponent(resolved), encoding: .utf8)
        })
    }

    @Test func aDebianStatusFileGivesWhatDpkgQuerySays() throws {
        let catalog = try DistroPackages.readDpkg(try Self.manifest("debian-12", "var/lib/dpkg/status"))
        #expect(catalog.skipped.isEmpty, "\(catalog.skipped)")
        let expected = String(decoding: try Fixtures.data("rootfs/debian-12/EXPECTED_PACKAGES.tsv"), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(catalog.components.count == expected.count)
        for row in expected {
            let component = try #require(catalog.components.first { $0.name == row[1] }, "\(row[1])")
            #expect(component.version == row[2] && component.ecosystem == "Debian:12", "\(row)")
            #expect(PackageURL.decode(component.purl).hasPrefix("pkg:deb/debian/\(row[1])@") && component.purl.contains("arch=\(row[3])"), "\(component.purl)")
            let source = DistroPackages.advisoryIdentity(of: component)
            #expect(source.name == row[4] && source.version == row[5], "\(row[1]): \(source)")
        }
        // bash is a binary rebuild: its source version is not its own.
        let bash = try #require(catalog.components.first { $0.name == "bash" })
        #expect(bash.version == "5.2.15-2+b8" && DistroPackages.advisoryIdentity(of: bash).version == "5.2.15-2")
    }

    @Test func removedPackagesAndBrokenStanzasAreNotInstalledOnes() throws {
        let text = """
            Package: kept
            Status: install ok installed
            Version: 1.0-1
            Architecture: amd64

            Package: removed
            Status: deinstall ok config-files
            Version: 2.0-1

            Package: broken
            Status: install ok installed
            Version: not a version

            Status: install ok installed
            Version: 1.0
            """
        let catalog = try DistroPackages.readDpkg(ManifestFile(path: "var/lib/dpkg/status", text: text))
        #expect(catalog.components.map(\.name) == ["kept"])
        #expect(catalog.components.first?.ecosystem == "Debian", "no os-release: the release is unknown")
        #expect(catalog.skipped.contains { $0.contains("no os-release") })
        #expect(catalog.skipped.contains("line 10: package 'broken' has no valid 'Version'"))
        #expect(catalog.skipped.contains("line 14: a stanza without 'Package'"))
    }

    @Test func anAlpineDatabaseListsEveryPackageWithItsOrigin() throws {
        let catalog = try DistroPackages.readAPK(try Self.manifest("alpine-3.4", "lib/apk/db/installed"))
        #expect(catalog.components.map(\.name) == [
            "musl", "busybox", "alpine-baselayout", "alpine-keys", "zlib", "libcrypto1.0", "libssl1.0", "apk-tools", "scanelf",
            "musl-utils", "libc-utils", "pkgconf", "sqlite-libs", "test", "ada-libs",
        ])
        #expect(catalog.skipped == ["line 20: package 'invalidPackageWithoutAVersion' has no valid 'V:' (version)"])
        let ssl = try #require(catalog.components.first { $0.name == "libssl1.0" })
        #expect(ssl.ecosystem == "Alpine:v3.4" && ssl.version == "1.0.2h-r1")
        #expect(ssl.purl == "pkg:apk/alpine/libssl1.0@1.0.2h-r1?arch=x86_64&distro=alpine-3.4.6&upstream=openssl")
        #expect(DistroPackages.advisoryIdentity(of: ssl).name == "openssl")
    }

    @Test func anRPMDatabaseGivesWhatRpmQuerySays() throws {
        let path = "var/lib/rpm/rpmdb.sqlite"
        let file = try Self.manifest("rocky-9", path, text: "")
        let catalog = try RPMDatabase.read(absolute: Fixtures.url("rootfs/rocky-9/" + path).path, file: file)
        #expect(catalog.skipped.isEmpty, "\(catalog.skipped)")
        let expected = String(decoding: try Fixtures.data("rootfs/rocky-9/EXPECTED_PACKAGES.tsv"), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(catalog.components.count == expected.count)
        for row in expected {
            let component = try #require(catalog.components.first { $0.name == row[0] }, "\(row[0])")
            let evr = (row[1] == "0" ? "" : row[1] + ":") + row[2] + "-" + row[3]
            #expect(component.version == evr && component.ecosystem == "Rocky Linux:9" && component.licenses == [row[6]], "\(row)")
            #expect(component.purl.contains("arch=\(row[4])") && PackageURL.decode(component.purl).contains("upstream=\(row[5])"), "\(component.purl)")
        }
        let ssl = try #require(catalog.components.first { $0.name == "openssl-libs" })
        #expect(ssl.purl == "pkg:rpm/rocky/openssl-libs@3.0.7-16.el9?arch=noarch&distro=rocky-9.3&epoch=1&upstream=openssl-3.0.7-16.el9.src.rpm")
        // rpm's advisories name binary packages: the identity is the package itself.
        #expect(DistroPackages.advisoryIdentity(of: ssl) == ("openssl-libs", "1:3.0.7-16.el9"))
        // Not a database: a named error, not a crash.
        #expect(throws: ScannersError.self) {
            try RPMDatabase.read(absolute: Fixtures.url("rootfs/rocky-9/etc/os-release").path, file: file)
        }
    }

    @Test func osReleasesNameOSVEcosystems() {
        #expect(DistroPackages.Release.parse("ID=debian\nVERSION_ID=\"12\"\n")?.ecosystem == "Debian:12")
        #expect(DistroPackages.Release.parse("ID=ubuntu\nVERSION_ID=\"22.04\"\n")?.ecosystem == "Ubuntu:22.04")
        #expect(DistroPackages.Release.parse("ID=alpine\nVERSION_ID=3.18.4\n")?.ecosystem == "Alpine:v3.18")
        #expect(DistroPackages.Release.parse("NAME=x\n") == nil)
        #expect(DistroPackages.sameRelease(advisory: "Ubuntu:22.04:LTS", component: "Ubuntu:22.04"))
        #expect(!DistroPackages.sameRelease(advisory: "Debian:11", component: "Debian:12"))
    }

    /// Advisories (the rpm ones also written for this test: an openssl-libs fix for Rocky Linux 9 that the
    /// installed 1:3.0.7-16.el9 predates, and a glibc one for Rocky Linux 8 only). Debian's DSA-5514-1 (glibc, fixed in 2.36-9+deb12u3, so not the installed u14), Alpine
    /// v3.4's openssl 1.0.2i-r0 (OpenSSL's advisory of 2016-09-22, CVE-2016-6304), and two records written
    /// for this test (ids `TEST-…`): bash fixed in 5.2.15-3 for Debian 12 (the installed binary 5.2.15-2+b8 is
    /// source 5.2.15-2: affected) and the same for Debian 11 only (another release: not matched).
    static let advisories = [
        "DSA-5514-1.json": #"{"id": "DSA-5514-1", "modified": "2023-10-03T00:00:00Z", "aliases": ["CVE-2023-4911"], "summary": "glibc security update", "affected": [{"package": {"ecosystem": "Debian:12", "name": "glibc"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.36-9+deb12u3"}]}]}]}"#,
        "TEST-DEB12-BASH.json": #"{"id": "TEST-DEB12-BASH", "modified": "2026-12-01T00:00:00Z", "summary": "test record", "affected": [{"package": {"ecosystem": "Debian:12", "name": "bash"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.2.15-3"}]}]}]}"#,
        "TEST-DEB11-BASH.json": #"{"id": "TEST-DEB11-BASH", "modified": "2026-12-01T00:00:00Z", "summary": "test record", "affected": [{"package": {"ecosystem": "Debian:11", "name": "bash"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.2.99-1"}]}]}]}"#,
        "TEST-ROCKY9-OPENSSL.json": #"{"id": "TEST-ROCKY9-OPENSSL", "modified": "2026-12-01T00:00:00Z", "summary": "test record", "affected": [{"package": {"ecosystem": "Rocky Linux:9", "name": "openssl-libs"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:3.0.7-18.el9_2"}]}]}]}"#,
        "TEST-ROCKY8-GLIBC.json": #"{"id": "TEST-ROCKY8-GLIBC", "modified": "2026-12-01T00:00:00Z", "summary": "test record", "affected": [{"package": {"ecosystem": "Rocky Linux:8", "name": "glibc"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.99-1.el8"}]}]}]}"#,
        "ALPINE-CVE-2016-6304.json": #"{"id": "ALPINE-CVE-2016-6304", "modified": "2016-09-22T00:00:00Z", "aliases": ["CVE-2016-6304"], "summary": "OCSP Status Request extension unbounded memory growth", "affected": [{"package": {"ecosystem": "Alpine:v3.4", "name": "openssl"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.2i-r0"}]}]}]}"#,
    ]

    @Test func rootFilesystemsAreMatchedAgainstTheirOwnReleasesAdvisories() async throws {
        let work = try Fixtures.makeTemporaryDirectory("distro")
        defer { try? FileManager.default.removeItem(at: work) }
        let records = work.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        for (name, text) in Self.advisories { try Data(text.utf8).write(to: records.appendingPathComponent(name)) }
        _ = try await OSVImport.run(from: records.path, database: work.appendingPathComponent("db").path)
        let tree = work.appendingPathComponent("images")
        try FileManager.default.copyItem(at: Fixtures.url("rootfs"), to: tree)
        let outcome = try await Pipeline(now: { Date(timeIntervalSince1970: 1_764_374_400) }).scan(ScanRequest(
            path: tree.path, outputRoot: work.appendingPathComponent("out").path, scanners: ["dependencies", "osv"],
            formats: ["json"], vulnerabilityDatabase: work.appendingPathComponent("db").path))
        let found = outcome.report.findings.filter { $0.scanner == "osv" }
            .map { "\($0.properties["package"] ?? "?") \($0.properties["installed_version"] ?? "?") \($0.properties["osv_id"] ?? $0.ruleID)" }.sorted()
        #expect(found == [
            "bash 5.2.15-2+b8 TEST-DEB12-BASH",
            "libcrypto1.0 1.0.2h-r1 ALPINE-CVE-2016-6304",
            "libssl1.0 1.0.2h-r1 ALPINE-CVE-2016-6304",
            "openssl-libs 1:3.0.7-16.el9 TEST-ROCKY9-OPENSSL",
        ], "\(found)")
        #expect(outcome.report.components.filter { $0.ecosystem == "Rocky Linux:9" }.count == 4)
        #expect(outcome.report.components.filter { $0.ecosystem == "Debian:12" }.count == 40)
        #expect(outcome.report.components.filter { $0.ecosystem == "Alpine:v3.4" }.count == 15)
    }
}
