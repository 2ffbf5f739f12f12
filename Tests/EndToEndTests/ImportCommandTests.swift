import Foundation
import Testing
import TestSupport

/// `securescan import` as users run it: a saved report becomes a run with fingerprints, a diff against the
/// target's previous run, artifacts and the gate; bad reports are refused before anything is stored.
@Suite(.serialized) struct ImportCommandTests {
    static func report(_ relative: String) -> String { Fixtures.url("reports/defectdojo/\(relative)").path }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aSavedReportBecomesARunAndASecondImportIsDiffedAgainstIt() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let base = ["--target", "shop", "--output", output.path, "--json"]
        let first = try await CommandLineTests.run(["import", Self.report("semgrep/many_findings.json"), "--as", "semgrep"] + base)
        #expect(first.status == 0, "\(first.stderr)")
        let run = try json(first.stdout)
        #expect((run["counts"] as? [String: Int])?["total"] == 3)
        #expect((run["scanners"] as? [[String: Any]])?.map { $0["id"] as? String } == ["semgrep"])
        #expect((run["notes"] as? [String])?.first?.contains("imported from") == true)
        let directory = try #require(run["artifacts_dir"] as? String)
        for file in ["findings.json", "findings.sarif", "report.html", "summary.md", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + file), "\(file)")
        }
        let stored = try json(String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + "/findings.json")), as: UTF8.self))
        let findings = try #require(stored["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { ($0["reported_by"] as? [String]) == ["semgrep"] && ($0["fingerprint"] as? String)?.hasPrefix("fp1:") == true })

        // The same tool's report, two findings fewer: two fixed, one unchanged.
        let second = try await CommandLineTests.run(["import", Self.report("semgrep/one_finding.json"), "--as", "semgrep"] + base)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try json(second.stdout)["diff"] as? [String: Int] == ["fixed": 2, "new": 0, "not_reassessed": 0, "reopened": 0, "unchanged": 1])

        // Another tool's report for the same target: semgrep's finding is not reassessed, never fixed.
        let other = try await CommandLineTests.run(["import", Self.report("bandit/one_vuln.json"), "--as", "bandit"] + base + ["--fail-on", "low"])
        #expect(other.status == 1, "the gate fails on the low finding")
        #expect(try json(other.stdout)["diff"] as? [String: Int] == ["fixed": 0, "new": 1, "not_reassessed": 1, "reopened": 0, "unchanged": 0])
    }

    @Test func aSARIFLogIsStoredUnderItsTool() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await CommandLineTests.run([
            "import", Fixtures.url("sarif/trivy/alpine-310.sarif.golden").path, "--as", "sarif", "--target", "image", "--output", output.path, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let run = try json(result.stdout)
        #expect((run["scanners"] as? [[String: Any]])?.map { $0["id"] as? String } == ["trivy"])
        #expect((run["scanners"] as? [[String: Any]])?.first?["version"] as? String == "dev", "the log says version dev")
        #expect((run["counts"] as? [String: Int])?["total"] == 4)
    }

    /// A SARIF log with one result lacking its message and one with a number for a fingerprint: the
    /// other two are stored, each skipped one is a warning naming its JSON pointer, the run and its
    /// findings.json count them, and `--strict` refuses the file and stores nothing.
    @Test func aPartlyMalformedReportIsStoredWithoutItsBrokenEntriesUnlessStrict() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var log = try #require(try JSONSerialization.jsonObject(with: Fixtures.data("sarif/trivy/alpine-310.sarif.golden")) as? [String: Any])
        var runs = log["runs"] as! [[String: Any]]
        var results = runs[0]["results"] as! [[String: Any]]
        results[1]["message"] = nil
        results[3]["fingerprints"] = ["primaryLocationLineHash": 42]
        runs[0]["results"] = results
        log["runs"] = runs
        let file = output.appendingPathComponent("bent.sarif")
        try JSONSerialization.data(withJSONObject: log).write(to: file)
        let arguments = ["import", file.path, "--as", "sarif", "--target", "image", "--output", output.path, "--json"]

        let strict = try await CommandLineTests.run(arguments + ["--strict"])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("2 entries break the sarif format (--strict: nothing stored)"), "\(strict.stderr)")
        #expect(strict.stderr.contains("/runs/0/results/1/message: is missing"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("image").path))

        let lenient = try await CommandLineTests.run(arguments)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("warning: \(file.path): skipped /runs/0/results/1/message: is missing, and the format requires it"))
        #expect(lenient.stderr.contains("skipped /runs/0/results/3/fingerprints/primaryLocationLineHash: must be a string"))
        let run = try json(lenient.stdout)
        #expect((run["counts"] as? [String: Int])?["total"] == 2)
        let directory = try #require(run["artifacts_dir"] as? String)
        let stored = try json(String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + "/findings.json")), as: UTF8.self))
        let scanner = try #require((stored["scanners"] as? [[String: Any]])?.first { $0["id"] as? String == "trivy" })
        #expect(scanner["skipped_entries"] as? Int == 2)
        #expect((scanner["notes"] as? [String])?.first?.hasPrefix("2 entries of the report skipped for breaking its format") == true)
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(html.contains("2 entries of the report skipped for breaking its format"))
    }

    /// The vulnerable-packages sections list every vulnerability, whichever tool found it, not only the
    /// built-in advisory matcher's.
    @Test(arguments: [("trivy/scheme_2_many_vulns.json", "trivy", "krb5-libs", "CVE-2020-28196"),
                      ("anchore_grype/fix_available.json", "grype", "java", "CVE-2009-3882")])
    func importedVulnerabilitiesAreListedAsVulnerablePackages(file: String, tool: String, package: String, advisory: String) async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await CommandLineTests.run(["import", Self.report(file), "--as", tool, "--target", "image", "--output", output.path,
                                                     "--formats", "html,pdf", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let directory = try #require(try json(result.stdout)["artifacts_dir"] as? String)
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        let section = try #require(html.range(of: "<h3>Vulnerable packages</h3>").map { String(html[$0.upperBound...].prefix(20_000)) })
        #expect(!section.hasPrefix("\n  <p class=\"muted\">None found"), "the section is not empty")
        #expect(section.contains("<td>\(package)</td>") && section.contains(advisory), "\(section.prefix(600))")
        let text = try await ExternalCommand.run("/usr/bin/pdftotext", ["-layout", directory + "/report.pdf", "-"]).output
        let pdfSection = try #require(text.range(of: "Vulnerable packages (").map { String(text[$0.lowerBound...].prefix(4_000)) })
        #expect(!pdfSection.hasPrefix("Vulnerable packages (0)") && pdfSection.contains(package) && pdfSection.contains(advisory), "\(pdfSection.prefix(600))")
    }

    @Test func badReportsAreRefusedWithTheFileAndNothingIsStored() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let broken = output.appendingPathComponent("broken.json")
        try Data(#"{"results": [{"check_id": 3}]}"#.utf8).write(to: broken)
        let cases: [([String], String)] = [
            (["import", broken.path, "--as", "semgrep"], "\(broken.path): none of its 1 entries could be read; the first: /results/0/check_id: must be a string"),
            (["import", output.appendingPathComponent("missing.json").path, "--as", "bandit"], "missing.json: no such file"),
            (["import", output.path, "--as", "bandit"], "it is a directory, not a report file"),
            (["import", Self.report("zap/some_2.9.0.xml"), "--as", "nmap"], "not <nmaprun>: not nmap XML output"),
            (["import", Self.report("npm_audit/empty_with_error.json"), "--as", "npm-audit"], "the audit failed (ENOAUDIT)"),
            (["import", broken.path, "--as", "nessus"], "unknown report format 'nessus'"),
        ]
        for (arguments, message) in cases {
            let result = try await CommandLineTests.run(arguments + ["--target", "shop", "--output", output.path])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let clock = try await CommandLineTests.run(["import", Self.report("bandit/one_vuln.json"), "--as", "bandit", "--target", "shop", "--output", output.path],
                                                   environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(clock.status == 2)
        #expect(clock.stderr.contains("SOURCE_DATE_EPOCH must be a number of seconds, not 'yesterday'"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("securescan.db").path), "nothing was stored")
    }
}
