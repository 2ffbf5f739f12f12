import Foundation
import SecureScanXML
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanReports

/// The CI formats: golden files, the JUnit schema, GitLab's documented shape, CSV safety, and the
/// pull-request comment's marker, links and size limit.
@Suite struct CIFormatTests {
    func render(_ format: any OutputFormat, _ report: RunReport = .sample(), gate: GatePolicy = GatePolicy(failOnNew: .high),
                links: SourceLinks? = SourceLinks(repository: "https://github.com/acme/app", commit: "0123456789abcdef0123456789abcdef01234567"),
                changedLines: [String: [ClosedRange<Int>]]? = ["config/settings.py": [10...14]]) throws -> Data {
        var context = RenderContext(templates: nil)
        context.gatePolicy = gate
        context.sourceLinks = links
        context.changedLines = changedLines
        return try format.render(report, context: context)
    }

    @Test func goldenFiles() throws {
        for format: any OutputFormat in [FindingsCSV(), JUnitFormat(), GitLabCodeQuality(), PRComment(), ReviewPayload()] {
            assertGolden(String(decoding: try render(format), as: UTF8.self), named: format.fileName)
        }
    }

    @Test func theCIFormatsAreWrittenWhenAskedFor() {
        #expect(Formats.all.filter { !$0.writtenByDefault }.map(\.id) == ["csv", "junit", "gitlab-codequality", "github-pr-comment", "github-review"])
    }

    @Test func junitValidatesAgainstTheJenkinsSchemaAndFailsWhatTheGateFails() async throws {
        let xsd = Fixtures.url("schemas/junit/junit-10.xsd")
        let validator = XSDValidator(schemaText: try String(contentsOf: xsd, encoding: .utf8), path: xsd.path)
        for gate in [GatePolicy(failOnNew: .high), GatePolicy(), GatePolicy(failOn: .critical)] {
            let data = try render(JUnitFormat(), gate: gate)
            let errors = try await Blocking.run { try validator.validate(Array(data)) }
            #expect(errors.isEmpty, "\(errors)")
        }
        let text = String(decoding: try render(JUnitFormat(), gate: GatePolicy(failOn: .critical)), as: UTF8.self)
        #expect(text.components(separatedBy: "<failure ").count - 1 == 1, "only the critical finding fails")
        #expect(text.contains("<skipped message=\"suppressed (config): batch job\""))
        #expect(text.contains("<error type=\"timed_out\""))
    }

    @Test func gitLabCodeQualityHasTheDocumentedShape() async throws {
        let data = try render(GitLabCodeQuality())
        let errors = try await SchemaValidator.errors(document: data, schema: Fixtures.url("schemas/gitlab/code-quality-report.schema.json"))
        #expect(errors.isEmpty, "\(errors)")
        let issues = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
        #expect(issues.count == 2, "suppressed findings are left out")
        #expect(Set(issues.map { $0["fingerprint"] as! String }).count == 2)
        #expect(issues.map { $0["severity"] as! String } == ["blocker", "critical"])
    }

    @Test func csvIsRFC4180AndFormulaSafe() throws {
        var report = RunReport.sample()
        report.findings[0].title = "=HYPERLINK(\"http://evil\")"
        let text = String(decoding: try render(FindingsCSV(), report), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == FindingsCSV.header.joined(separator: ","))
        #expect(lines.count == report.findings.count + 2)
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
        #expect(!text.contains("AWS_KEY"), "no evidence")
    }

    @Test func thePRCommentCarriesItsMarkerLinksAndStaysUnderGitHubsLimit() throws {
        let text = String(decoding: try render(PRComment()), as: UTF8.self)
        #expect(text.hasPrefix(PRComment.marker + "\n"))
        #expect(text.contains("(https://github.com/acme/app/blob/0123456789abcdef0123456789abcdef01234567/config/settings.py#L12)"))
        #expect(text.contains("<details><summary>Fixed (1)</summary>"))
        #expect(!text.contains("<script>"))
        var many: [Finding] = []
        for index in 0..<5_000 {
            many.append(Finding.sample(rule: "secrets/generic-api-key", severity: .high, path: "src/module_\(index)/a_rather_long_file_name.py",
                                       line: index + 1, identity: .secret(valueDigest: "v\(index)"), title: "Generic API key with a long title \(index)"))
        }
        let diff = RunDiff(current: many, previous: [], seenBefore: [], completedScanners: ["secrets"])
        let large = RunReport(runID: "r", target: TargetInfo(name: "big"), startedAt: "", finishedAt: "", tool: ToolInfo(version: "0.1.0"),
                              scannerRuns: [], findings: diff.current, diff: diff, baseRunID: nil,
                              gate: GateResult(passed: false, exitCode: 1, reasons: ["5000 new"]), configDigest: "")
        let body = String(decoding: try render(PRComment(), large), as: UTF8.self)
        #expect(body.count < 65_536)
        #expect(body.contains("more in findings.json and the SARIF log."))
    }

    @Test func sourceLinksComeFromGitHubActionsEnvironment() {
        let links = SourceLinks.gitHub(environment: ["GITHUB_REPOSITORY": "acme/app", "GITHUB_SHA": "abc"], commit: nil)
        #expect(links?.url(path: "dir/a b#c.py", line: 3) == "https://github.com/acme/app/blob/abc/dir/a%20b%23c.py#L3")
        #expect(SourceLinks.gitHub(environment: [:], commit: "abc") == nil)
    }

    @Test func githubAnnotationsAreEscapedWorkflowCommands() {
        var finding = Finding.sample(rule: "secrets/aws-access-token", severity: .critical, path: "dir/a,b:c.py", line: 3,
                                     identity: .secret(valueDigest: "x"), title: "Key 100% leaked\nhere")
        finding.location?.startColumn = 9
        var low = Finding.sample(scanner: "dockerfile", rule: "dockerfile/no-healthcheck", severity: .low, path: "Dockerfile", line: 1,
                                 identity: .iac(resource: "h"), title: "No HEALTHCHECK")
        var suppressed = low
        suppressed.suppression = Suppression(source: .inline, reason: "x")
        low.severity = .medium
        let commands = GitHubAnnotations.commands(for: [finding, low, suppressed])
        #expect(commands.count == 2)
        #expect(commands[0].hasPrefix("::error file=dir/a%2Cb%3Ac.py,line=3,endLine=3,col=9,title=critical%3A secrets/aws-access-token::Key 100%25 leaked%0Ahere (secrets, fp1:"))
        #expect(commands[1].hasPrefix("::warning file=Dockerfile,line=1,endLine=1,title=medium%3A dockerfile/no-healthcheck::No HEALTHCHECK"))
    }

    /// GitHub's review body: `body`, `event`, `commit_id` and `comments` of `path`, `line`, `side`, `body`;
    /// a comment only for a new finding on a changed line, the others in the body.
    @Test func theReviewCommentsOnlyOnChangedLines() throws {
        let onLine = try JSONSerialization.jsonObject(with: try render(ReviewPayload())) as! [String: Any]
        #expect(Set(onLine.keys) == ["body", "comments", "commit_id", "event"])
        #expect(onLine["event"] as? String == "COMMENT" && onLine["commit_id"] as? String == "0123456789abcdef0123456789abcdef01234567")
        let comments = onLine["comments"] as! [[String: Any]]
        #expect(comments.count == 1)
        #expect(comments.first?["path"] as? String == "config/settings.py" && comments.first?["line"] as? Int == 12 && comments.first?["side"] as? String == "RIGHT")
        #expect(Set(comments.first?.keys.map { $0 } ?? []) == ["path", "line", "side", "body"])
        let offLine = try JSONSerialization.jsonObject(with: try render(ReviewPayload(), changedLines: ["config/settings.py": [1...3]])) as! [String: Any]
        #expect((offLine["comments"] as! [Any]).isEmpty)
        #expect((offLine["body"] as! String).contains("New findings outside the changed lines:"))
        #expect((offLine["body"] as! String).hasPrefix(ReviewPayload.marker))
    }
}
