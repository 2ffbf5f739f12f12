import Testing
import TestSupport
@testable import SecureScanCore

/// Inline suppressions, each convention with the example its own tool documents (sources in SOURCES.md).
@Suite struct InlineDirectiveTests {
    static func parse(_ text: String) -> [InlineDirective] { InlineDirective.parse(Array(text.utf8)) }

    static func finding(scanner: String, rule: String, line: Int, endLine: Int? = nil, title: String = "t") -> Finding {
        var finding = Finding.sample(scanner: scanner, rule: rule, path: "f", line: line, title: title)
        finding.location?.endLine = endLine ?? line
        return finding
    }

    static let secrets: Set<String> = ["secrets", "gitleaks", "trufflehog3", "detect-secrets"]

    func covers(_ text: String, _ finding: Finding) -> Bool {
        Self.parse(text).contains { $0.reaches(finding.location!) && $0.names(finding, secretScanners: Self.secrets) }
    }

    @Test func securescanIgnoreNamesRulesOrScannersWithAReason() throws {
        let text = "KEY = \"AKIA…\"  # securescan:ignore secrets/aws-access-token -- a fixture of the tests\n"
        let directive = try #require(Self.parse(text).first)
        #expect(directive.convention == .securescan && directive.reach == .sameLine)
        #expect(directive.ids == ["secrets/aws-access-token"] && directive.reason == "a fixture of the tests")
        #expect(covers(text, Self.finding(scanner: "secrets", rule: "secrets/aws-access-token", line: 1)))
        #expect(!covers(text, Self.finding(scanner: "secrets", rule: "secrets/github-pat", line: 1)))
        #expect(!covers(text, Self.finding(scanner: "secrets", rule: "secrets/aws-access-token", line: 2)), "a trailing comment covers its line only")
        // Standing alone, any comment syntax, it also covers the next line; no ids: every finding.
        for comment in ["# securescan:ignore", "// SecureScan: ignore", "-- securescan : ignore *", "/* securescan:ignore */", "<!-- securescan:ignore -->"] {
            #expect(covers(comment + "\nx\n", Self.finding(scanner: "bandit", rule: "B105", line: 2)), "\(comment)")
        }
        #expect(covers("// securescan:ignore semgrep\nx\n", Self.finding(scanner: "semgrep", rule: "a.b.c", line: 2)))
        #expect(covers("# securescan:ignore-next-line B105, B106\n", Self.finding(scanner: "bandit", rule: "B106", line: 2)))
        #expect(!covers("# securescan:ignore-next-line B105\n", Self.finding(scanner: "bandit", rule: "B105", line: 1)))
        #expect(Self.parse("# securescanner: ignore\n# securescan:ignored\n").isEmpty)
    }

    @Test func gitleaksAllowCoversSecretsOnItsLine() {
        // gitleaks README: "add a gitleaks:allow comment to that line".
        let text = "class CustomClass:\n    discord_client_secret = '8dyfuiRyq=vVc3RRr_edRk-fK__JItpZ'  #gitleaks:allow\n"
        #expect(covers(text, Self.finding(scanner: "gitleaks", rule: "discord-client-secret", line: 2)))
        #expect(covers(text, Self.finding(scanner: "secrets", rule: "secrets/generic", line: 2)))
        #expect(!covers(text, Self.finding(scanner: "semgrep", rule: "x", line: 2)), "only secrets")
    }

    @Test func detectSecretsPragmas() {
        // detect-secrets README, "Inline Allowlisting".
        let same = "API_KEY = \"blah-blah-but-actually-not-secret\"  # pragma: allowlist secret\n"
        #expect(covers(same, Self.finding(scanner: "detect-secrets", rule: "Secret Keyword", line: 1)))
        let next = "# pragma: allowlist nextline secret\nAPI_KEY = 'WillAlsoBeIgnored'\n"
        #expect(covers(next, Self.finding(scanner: "secrets", rule: "secrets/generic-api-key", line: 2)))
        #expect(!covers(next, Self.finding(scanner: "secrets", rule: "secrets/generic-api-key", line: 1)))
    }

    @Test func nosemgrepWithAndWithoutRules() {
        // Semgrep docs, "Ignore code through nosemgrep".
        #expect(covers("bad_func1()  # nosemgrep\n", Self.finding(scanner: "semgrep", rule: "rule-id-1", line: 1)))
        let named = "// nosemgrep: rule-id-1, rule-id-2\nbad_func2();\n"
        #expect(covers(named, Self.finding(scanner: "semgrep", rule: "rule-id-2", line: 2)))
        #expect(covers(named, Self.finding(scanner: "semgrep", rule: "python.lang.rule-id-1", line: 2)), "a rule's last name segment")
        #expect(!covers(named, Self.finding(scanner: "semgrep", rule: "rule-id-3", line: 2)))
        #expect(!covers(named, Self.finding(scanner: "bandit", rule: "rule-id-1", line: 2)))
    }

    @Test func nosecCoversBanditFindingsOnly() {
        // Bandit docs, "Exclusions".
        let all = "self.process = subprocess.Popen('/bin/echo', shell=True)  # nosec\n"
        #expect(covers(all, Self.finding(scanner: "bandit", rule: "B602", line: 1)))
        #expect(!covers(all, Self.finding(scanner: "semgrep", rule: "B602", line: 1)))
        let some = "self.process = subprocess.Popen('/bin/ls *', shell=True)  # nosec B602, B607\n"
        #expect(covers(some, Self.finding(scanner: "bandit", rule: "B607", line: 1)))
        #expect(!covers(some, Self.finding(scanner: "bandit", rule: "B404", line: 1)))
        #expect(covers("assert yes  # nosec assert_used\n", Self.finding(scanner: "bandit", rule: "B101", line: 1, title: "assert_used")))
        #expect(Self.parse("nosecurity = 1\n").isEmpty)
    }

    @Test func checkovSkipCoversItsResource() throws {
        // Checkov docs, "Suppressing/Skipping".
        let text = """
            resource "aws_s3_bucket" "foo-bucket" {
              region        = var.region
                #checkov:skip=CKV_AWS_20:The bucket is a public static content host
              bucket        = local.bucket_name
            }

            """
        let directive = try #require(Self.parse(text).first)
        #expect(directive.ids == ["CKV_AWS_20"] && directive.reason == "The bucket is a public static content host")
        #expect(covers(text, Self.finding(scanner: "checkov", rule: "CKV_AWS_20", line: 1, endLine: 5)))
        #expect(!covers(text, Self.finding(scanner: "checkov", rule: "CKV_AWS_18", line: 1, endLine: 5)))
        #expect(!covers(text, Self.finding(scanner: "checkov", rule: "CKV_AWS_20", line: 7, endLine: 9)))
    }

    @Test func hadolintIgnoreAndGlobalIgnore() {
        // hadolint README, "Inline ignores".
        let text = "# hadolint ignore=DL3006\nFROM ubuntu\n\n# hadolint ignore=DL3003,SC1035\nRUN cd /tmp && echo \"hello!\"\n"
        #expect(covers(text, Self.finding(scanner: "hadolint", rule: "DL3006", line: 2)))
        #expect(covers(text, Self.finding(scanner: "hadolint", rule: "SC1035", line: 5)))
        #expect(!covers(text, Self.finding(scanner: "hadolint", rule: "DL3006", line: 5)))
        let global = "# hadolint global ignore=DL3003,DL3006,SC1035\nFROM ubuntu\n\nRUN cd /tmp\n"
        #expect(covers(global, Self.finding(scanner: "hadolint", rule: "DL3003", line: 4)))
        #expect(!covers(global, Self.finding(scanner: "hadolint", rule: "DL3008", line: 4)))
    }

    @Test func severalDirectivesOnOneLineAndCRLF() {
        let directives = Self.parse("x = 1\r\nKEY = 'a'  # nosec B105  # gitleaks:allow\r\n")
        #expect(directives.map(\.convention) == [.gitleaks, .nosec])
        #expect(directives.allSatisfy { $0.line == 2 })
        #expect(directives.first { $0.convention == .nosec }?.ids == ["B105"])
    }
}
