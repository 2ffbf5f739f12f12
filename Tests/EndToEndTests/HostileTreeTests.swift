import Foundation
import Testing
import TestSupport

/// A scan of a tree built to hurt a scanner (`scripts/hostile-tree.py`): links out and in loops, a pipe, a
/// socket, a device, a 4 GB sparse file, names that are not text, 5,000 nested directories, a 200 MB
/// one-line lockfile, a billion-laughs `pom.xml`, a YAML alias bomb, a 1 GB `.pem`, a zip bomb and a
/// Dockerfile with a 10 MB continued line. The scan must finish in bounded time and memory, name what it
/// skipped and why, find the secrets in the oddly named files, and write artifacts that verify.
@Suite(.serialized) struct HostileTreeTests {
    /// The peak resident memory allowed for the whole scan (debug build), and its time; a build under a
    /// sanitizer gets the sanitizer's overhead (``SanitizerBuild``).
    static let memoryBound = Int(Double(512 << 20) * SanitizerBuild.overhead)
    static let timeBound = 120.0 * SanitizerBuild.overhead

    @Test func aHostileTreeIsScannedWithinBoundsAndEverySkipIsNamed() async throws {
        let work = try Fixtures.makeTemporaryDirectory("hostile")
        defer { _ = try? CommandLineTests.runTool("/bin/sh", ["-c", "chmod -R u+rwx \"$0\"; rm -rf \"$0\"", work.path]) }
        let tree = work.appendingPathComponent("tree"), output = work.appendingPathComponent("out")
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/hostile-tree.py").path
        let made = try CommandLineTests.runTool("/usr/bin/env", ["python3", script, tree.path])
        try #require(made.status == 0, "\(made.stderr)")

        let memoryFile = work.appendingPathComponent("rss").path
        let started = Date()
        let result = try await CommandLineTests.run(
            ["scan", tree.path, "--output", output.path, "--scanners", "secrets,dependencies,git-hygiene,dockerfile,licenses", "--json"],
            wrapper: ["/usr/bin/time", "-f", "%M", "-o", memoryFile])
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < Self.timeBound)
        let peakKiB = Int(try String(contentsOfFile: memoryFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        #expect(peakKiB * 1024 < Self.memoryBound, "peak RSS \(peakKiB) KiB")

        let skips = result.stderr
        for expected in [
            "2 symbolic links not followed: loop, to-root",
            "fifo (a named pipe)", "socket (a socket)",
            "files larger than 10 MiB not scanned: huge.pem, package-lock.json, sparse-4g.bin",
            "(File name too long)",
            "names not valid UTF-8 or holding control characters, read and shown with those bytes as %XX: config-%FF%FE.env, new%0Aline.txt",
            "pnpm-lock.yaml: YAML aliases expand this document to more than",
            "pom.xml:1: invalid XML: Detected an entity reference loop",
        ] {
            #expect(skips.contains(expected), "\(expected)")
        }
        if getuid() == 0 { #expect(skips.contains("null-device (a device)")) }

        // The secrets in the files whose names are not text are found, under their escaped names.
        let artifacts = URL(fileURLWithPath: (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any])["artifacts_dir"] as! String)
        let findings = try JSONSerialization.jsonObject(with: Data(contentsOf: artifacts.appendingPathComponent("findings.json"))) as! [String: Any]
        // What the walk left out is evidence too: it is in the run's artifacts, not only on the terminal.
        let runNotes = ((findings["run"] as? [String: Any])?["notes"] as? [String]) ?? []
        #expect(runNotes.contains("2 symbolic links not followed: loop, to-root"), "\(runNotes)")
        #expect(runNotes.contains { $0.contains("fifo (a named pipe)") })
        let html = try String(contentsOf: artifacts.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Not read") && html.contains("sparse-4g.bin"))
        let located = (findings["findings"] as! [[String: Any]]).map { "\($0["rule_id"]!) \(($0["location"] as? [String: Any])?["path"] ?? "")" }
        #expect(located.contains("secrets/gitlab-pat config-%FF%FE.env"), "\(located)")
        #expect(located.contains("secrets/github-pat new%0Aline.txt"), "\(located)")
        // Neither secret is written out in clear, and every artifact is the one the manifest lists.
        for name in ["findings.json", "findings.sarif", "report.html", "summary.md"] {
            let text = try String(contentsOf: artifacts.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("Zx9Qw3Er5Ty7Ui1Op3As") && !text.contains("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"), "\(name)")
        }
        for name in ["findings.sarif", "sbom.cdx.json", "sbom.spdx.json"] {
            #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: artifacts.appendingPathComponent(name)))) != nil, "\(name)")
        }
        let verified = try await CommandLineTests.run(["verify", artifacts.path])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}
