import Testing
@testable import SecureScanCore
@testable import SecureScanPipeline

/// `securescan.yml`: every error names the file, the line and the key.
@Suite struct ConfigLoaderTests {
    let loader = ConfigLoader(knownScanners: ["secrets", "dockerfile"])

    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try loader.parse("", file: "s.yml") == ScanConfig())
        #expect(try loader.parse("# only comments\n", file: "s.yml") == ScanConfig())
    }

    /// Sizes and durations no file or clock can reach are errors naming the key, not a crash (both found
    /// by fuzzing the config reader).
    @Test func sizesAndDurationsPastAnyLimitAreRefused() {
        for (text, message) in [("max_file_size: 1e30MB", "max_file_size: '1e30MB' is larger than any file can be"),
                                ("timeout: 1e300h", "timeout: '1e300h' is longer than a week"),
                                ("timeout: infs", "timeout must be a positive duration")] {
            #expect { try loader.parse(text, file: "s.yml") } throws: { "\($0)".contains(message) }
        }
        #expect((try? loader.parse("timeout: 6h\nmax_file_size: 4GiB", file: "s.yml"))?.maxFileSize == 4 << 30)
    }

    @Test func theInitTemplateParses() throws {
        let config = try loader.parse(ConfigTemplate.text, file: "securescan.yml")
        #expect(config.maxFileSize == 10 << 20)
        #expect(config.timeout == 600)
    }

    @Test func everyKeyIsRead() throws {
        let config = try loader.parse("""
            version: 1
            scanners: [secrets]
            exclude: ["**/testdata/**", "docs/"]
            use_default_excludes: false
            max_file_size: 2MiB
            timeout: 90s
            scanner_timeouts: {dockerfile: 5m}
            severity_overrides: {secrets/jwt: low}
            suppressions:
              - rule: secrets/jwt
                path: tests/**
                reason: test tokens
                expires: 2027-01-31
            policy: {fail_on: high, fail_on_new: medium, max_findings: 10, fail_on_scanner_error: true}
            targets:
              - {name: api, path: services/api, scanners: [dockerfile]}
            """, file: "s.yml")
        #expect(config.scanners == ["secrets"])
        #expect(config.exclude == ["**/testdata/**", "docs/"])
        #expect(!config.useDefaultExcludes)
        #expect(config.maxFileSize == 2 << 20)
        #expect(config.timeout == 90)
        #expect(config.scannerTimeouts == ["dockerfile": 300])
        #expect(config.severityOverrides == ["secrets/jwt": .low])
        #expect(config.suppressions.first?.expires == "2027-01-31")
        #expect(config.policy == GatePolicy(failOn: .high, failOnNew: .medium, maxFindings: 10, failOnScannerError: true))
        #expect(config.targets == [TargetConfig(name: "api", path: "services/api", scanners: ["dockerfile"])])
    }

    @Test(arguments: [
        ("policy:\n  fail_on: urgent\n", 2, "policy.fail_on: 'urgent' is not a severity (critical, high, medium, low, info)"),
        ("scanners: [secrets, trivvy]\n", 1, "unknown scanner 'trivvy' (known: secrets, dockerfile)"),
        ("max_file_size: lots\n", 1, "max_file_size must be a size like 10MiB or 1048576, not 'lots'"),
        ("exclude: docs/\n", 1, "exclude must be a list"),
        ("version: 2\n", 1, "unsupported version 2 (this SecureScan reads version 1)"),
        ("suppressions:\n  - rule: x\n", 2, "a suppression needs a reason"),
        ("suppressions:\n  - rule: x\n    reason: r\n    expires: soon\n", 4, "expires must be a date like 2027-01-31, not 'soon'"),
        ("policy:\n  fail_on: high\n  max_finding: 3\n", 3, "unknown key 'max_finding' in policy (did you mean 'max_findings'?); known keys: fail_on, fail_on_new, max_findings, max_new, fail_on_scanner_error, allow_inline_suppressions, fail_on_kev, min_epss"),
        ("policy:\n  min_epss: 1.5\n", 2, "policy.min_epss must be a probability between 0 and 1"),
        ("policy:\n  min_epss: likely\n", 2, "policy.min_epss must be a probability between 0 and 1"),
        ("exclude:\n  - \"a[b\"\n", 2, "exclude: invalid path pattern \"a[b\": unclosed '[' in \"a[b\""),
        ("pdf:\n  max_pages: 5\n", 2, "pdf.max_pages: 5 is too few; the report needs at least 40 pages"),
        ("pdf:\n  pages: 50\n", 2, "unknown key 'pages' in pdf; known keys: max_pages"),
        ("targets:\n  - name: bad name\n    path: x\n", 2, "target name 'bad name' must start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 100)"),
    ])
    func errorsNameTheLineAndTheKey(text: String, line: Int, message: String) {
        #expect {
            _ = try loader.parse(text, file: "securescan.yml")
        } throws: { error in
            guard case .config(let file, let errorLine, _, let errorMessage) = error as? PipelineError else { return false }
            return file == "securescan.yml" && errorLine == line && errorMessage == message
        }
    }

    @Test func theExploitGatesAreRead() throws {
        let policy = try loader.parse("policy:\n  fail_on_kev: true\n  min_epss: 0.5\n", file: "s.yml").policy
        #expect(policy.failOnKEV == true && policy.minEPSS == 0.5)
        #expect(try loader.parse("", file: "s.yml").policy.failOnKEV == nil)
    }

    @Test func thePDFPageBudgetIsRead() throws {
        #expect(try loader.parse("pdf:\n  max_pages: 120\n", file: "s.yml").pdfMaxPages == 120)
        #expect(try loader.parse("", file: "s.yml").pdfMaxPages == 100)
    }

    @Test func invalidYAMLReportsItsPosition() {
        #expect {
            _ = try loader.parse("policy:\n  fail_on: [high\n", file: "s.yml")
        } throws: { error in
            guard case .config(_, let line, _, let message) = error as? PipelineError else { return false }
            return line != nil && message.hasPrefix("invalid YAML")
        }
    }
}
