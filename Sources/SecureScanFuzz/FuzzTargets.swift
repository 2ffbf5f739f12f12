import Foundation
import SecureScanCore
@_spi(Fuzzing) import SecureScanPipeline
@_spi(Fuzzing) import SecureScanScanners
import SecureScanXML

/// Every parser of untrusted bytes, as a fuzz target. `make fuzz` runs each; `make test` replays each
/// target's regression cases (`fixtures/fuzz-regressions/<name>/`).
public enum FuzzTargets {
    public static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "lockfile",
            summary: "the \(ScannersFuzzing.lockfileFormats.count) lockfile and manifest formats read as text (first byte chooses the format)",
            seedFolders: ["lockfiles", "sbom-documents", "rootfs", "demo-app"], choices: ScannersFuzzing.lockfileFormats.count,
            seed: { path, bytes in
                guard let id = ScannersFuzzing.lockfileFormat(forPath: path),
                      let index = ScannersFuzzing.lockfileFormats.firstIndex(where: { $0.id == id }) else { return [] }
                return [SelectedInput.seed(index, bytes)]
            },
            run: { bytes in
                guard let input = SelectedInput(bytes, choices: ScannersFuzzing.lockfileFormats.count) else { return }
                ScannersFuzzing.lockfile(input.choice, input.body)
            }),
        FuzzTarget(
            name: "report",
            summary: "the \(ReportFormats.all.count) report importers: SARIF, CycloneDX and each tool's format (first byte chooses the importer)",
            seedFolders: ["reports", "sarif"], choices: ReportFormats.all.count,
            seed: { path, bytes in
                guard let format = reportFormat(forPath: path), let index = ReportFormats.all.firstIndex(where: { $0.format == format }) else { return [] }
                return [SelectedInput.seed(index, bytes)]
            },
            run: { bytes in
                guard let input = SelectedInput(bytes, choices: ReportFormats.all.count) else { return }
                _ = try? ReportFormats.all[input.choice].parseReports(input.body, context: ReportContext(source: "fuzz-report"))
            }),
        FuzzTarget(
            name: "sarif",
            summary: "SARIF 2.1.0 logs alone (the format most tools write)",
            seedFolders: ["sarif"],
            seed: { path, bytes in path.hasSuffix(".sarif") || path.hasSuffix(".json") ? [bytes] : [] },
            run: { bytes in _ = try? ReportFormats.named("sarif")?.parseReports(bytes, context: ReportContext(source: "fuzz.sarif")) }),
        FuzzTarget(
            name: "dockerfile",
            summary: "the Dockerfile parser and every Dockerfile rule",
            seedFolders: ["iac", "demo-app"],
            seed: { path, bytes in (path.split(separator: "/").last ?? "").hasPrefix("Dockerfile") ? [bytes] : [] },
            run: ScannersFuzzing.dockerfile),
        FuzzTarget(
            name: "shell",
            summary: "the shell splitter that reads RUN lines (quotes, escapes, heredocs, operators)",
            inlineSeeds: [
                "apt-get update && apt-get install -y curl=7.88 && rm -rf /var/lib/apt/lists/*",
                "curl -fsSL https://x.example/install.sh | sh -s -- --yes; echo \"$HOME\" 'single' $(date)",
                "cat <<EOF > /etc/x\nline\nEOF\npip install --no-cache-dir -r requirements.txt || true",
                "export A=1 B=\"two words\"; cd /app && npm ci --only=production 2>&1 | tee log",
            ],
            run: ScannersFuzzing.shell),
        FuzzTarget(
            name: "toml",
            summary: "the TOML reader (Cargo.lock, poetry.lock, uv.lock, pyproject.toml, Manifest.toml)",
            seedFolders: ["lockfiles"],
            seed: { path, bytes in path.hasSuffix(".toml") || path.hasSuffix(".lock") ? [bytes] : [] },
            run: ScannersFuzzing.toml),
        FuzzTarget(
            name: "yaml",
            summary: "YAML as lockfiles are read (streams, anchors, aliases, flow collections)",
            seedFolders: ["lockfiles", "semgrep"],
            seed: { path, bytes in path.hasSuffix(".yaml") || path.hasSuffix(".yml") ? [bytes] : [] },
            run: ScannersFuzzing.yaml),
        FuzzTarget(
            name: "config",
            summary: ".securescan.yml configs (first byte 0) and batch files (first byte 1)",
            inlineSeeds: [
                "\u{0}version: 1\nscanners: [secrets, dependencies]\nexclude: [\"tests/\"]\nmax_file_size: 5MB\npolicy:\n  fail_on: high\n",
                "\u{0}severity_overrides:\n  secrets/generic-api-key: low\nsuppressions:\n  - fingerprint: abc\n    reason: test\n    expires: 2027-01-01\n",
                "\u{1}version: 1\ndefaults:\n  scanners: [secrets]\ntargets:\n  - path: /srv/a\n  - path: /srv/b\n    scanners: [dependencies]\n",
            ],
            choices: 2,
            run: { bytes in
                guard let input = SelectedInput(bytes, choices: 2) else { return }
                let text = String(decoding: input.body, as: UTF8.self)
                if input.choice == 0 {
                    _ = try? ConfigLoader(knownScanners: ["secrets", "dependencies", "dockerfile", "semgrep"]).parse(text, file: "fuzz.yml")
                } else {
                    _ = try? BatchFileLoader(knownScanners: ["secrets", "dependencies", "dockerfile", "semgrep"]).parse(text, file: "batch.yml", base: "/nonexistent")
                }
            }),
        FuzzTarget(
            name: "osv",
            summary: "OSV records as `db update-osv` reads them (first byte: 0 JSON, 1 YAML)",
            seedFolders: ["osv"], choices: 2,
            seed: { path, bytes in path.hasSuffix(".json") ? [SelectedInput.seed(0, bytes)] : path.hasSuffix(".yaml") ? [SelectedInput.seed(1, bytes)] : [] },
            run: { bytes in
                guard let input = SelectedInput(bytes, choices: 2) else { return }
                PipelineFuzzing.osvRecord(input.body, yaml: input.choice == 1)
            }),
        FuzzTarget(
            name: "xml",
            summary: "the libxml2 reader (POMs, NuGet files, CycloneDX XML, nmap and ZAP reports)",
            seedFolders: ["lockfiles", "reports", "schemas"],
            seed: { path, bytes in path.hasSuffix(".xml") || path.hasSuffix(".pom") || path.hasSuffix(".config") || path.hasSuffix(".props") ? [bytes] : [] },
            run: { bytes in _ = try? XMLReader.parse(bytes) }),
        FuzzTarget(
            name: "path-patterns",
            summary: "gitignore-style exclude patterns, compiled and matched (pattern lines, a blank line, then paths)",
            inlineSeeds: ["node_modules/\n*.min.js\n!keep.min.js\n/build\n**/test/**\n\nsrc/app.js\nbuild/x\na/test/b.py\nkeep.min.js",
                          "docs/**/*.md\n[Tt]emp?/\n\\#literal\n\ndocs/a/b.md\nTemp1/x\n#literal"],
            run: { bytes in
                let text = String(decoding: bytes, as: UTF8.self)
                let parts = text.split(separator: "\n\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard let set = try? PathPatternSet(parts[0].split(separator: "\n").map(String.init)) else { return }
                for path in (parts.count > 1 ? parts[1] : "").split(separator: "\n") {
                    _ = set.matches(String(path), isDirectory: false)
                    _ = set.matchesEntry(String(path), isDirectory: true)
                }
            }),
        FuzzTarget(
            name: "cvss",
            summary: "CVSS v2, v3.0, v3.1 and v4.0 vectors",
            inlineSeeds: [
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:N/E:P/RL:O/RC:C",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "AV:N/AC:L/Au:N/C:P/I:P/A:P",
                "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:L/SI:H/SA:L/E:U/CR:H/MAV:N/S:P/AU:Y/R:A/V:C/RE:H/U:Red",
            ],
            run: { bytes in _ = CVSSScore(vector: String(decoding: bytes, as: UTF8.self)) }),
        FuzzTarget(
            name: "versions",
            summary: "version strings of every ecosystem's order, parsed and compared (first byte chooses the order; two lines)",
            seedFolders: ["versions"], choices: VersionScheme.allCases.count,
            seed: { path, bytes in
                let scheme: VersionScheme = path.contains("dpkg") ? .dpkg : path.contains("apk") ? .apk : path.contains("rpm") ? .rpm : .generic
                let index = VersionScheme.allCases.firstIndex(of: scheme)!
                return String(decoding: bytes, as: UTF8.self).split(separator: "\n").prefix(400).compactMap { line in
                    let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                    guard fields.count >= 2 else { return nil }
                    let second = fields[1] == ">" || fields[1] == "<" || fields[1] == "=" ? (fields.count > 2 ? fields[2] : "") : fields[1]
                    return SelectedInput.seed(index, Array("\(fields[0])\n\(second)".utf8))
                }
            },
            run: { bytes in
                guard let input = SelectedInput(bytes, choices: VersionScheme.allCases.count) else { return }
                let scheme = VersionScheme.allCases[input.choice]
                let lines = String(decoding: input.body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let a = lines.first ?? "", b = lines.count > 1 ? lines[1] : ""
                _ = scheme.compare(a, b)
                _ = scheme.key(a)
                _ = scheme.isPrerelease(b)
            }),
        FuzzTarget(
            name: "license",
            summary: "SPDX license expressions and declared license texts",
            inlineSeeds: ["MIT", "Apache-2.0 OR (GPL-2.0-only WITH Classpath-exception-2.0 AND BSD-3-Clause)", "LicenseRef-scancode-x+ AND (MIT OR ISC)",
                          "GPL-2.0+", "Apache License, Version 2.0", "(MIT AND (LGPL-2.1-or-later OR BSD-2-Clause))"],
            run: { bytes in
                let text = String(decoding: bytes, as: UTF8.self)
                _ = LicenseExpression(text)
                _ = DeclaredLicense(text)
            }),
        FuzzTarget(
            name: "secrets",
            summary: "the secrets engine (\(ScannersFuzzing.secretRuleCount) rules, keyword prefilter, entropy, placeholders) on any text",
            seedFolders: ["secrets"],
            seed: { _, bytes in
                String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                    return (object["text"] as? String ?? object["line"] as? String).map { Array($0.utf8) }
                }
            },
            run: ScannersFuzzing.secrets),
        FuzzTarget(
            name: "intel",
            summary: "KEV catalogs (first byte 0), EPSS CSV files (1), OpenVEX and CycloneDX VEX documents (2)",
            seedFolders: ["intel"],
            inlineSeeds: [
                "\u{1}#model_version:v2023.03.01,score_date:2026-01-01T00:00:00+0000\ncve,epss,percentile\nCVE-2021-44228,0.97,0.99\n",
                "\u{2}{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"x\",\"author\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"version\":1,"
                    + "\"statements\":[{\"vulnerability\":{\"name\":\"CVE-2021-44228\"},\"products\":[{\"@id\":\"pkg:maven/a/b@1\"}],"
                    + "\"status\":\"not_affected\",\"justification\":\"vulnerable_code_not_present\"}]}",
            ],
            choices: 3,
            seed: { path, bytes in path.hasSuffix(".json") ? [SelectedInput.seed(0, bytes)] : [] },
            run: { bytes in
                guard let input = SelectedInput(bytes, choices: 3) else { return }
                switch input.choice {
                case 0: _ = try? KnownExploited.parse(Data(input.body))
                case 1: _ = try? ExploitPrediction.parse(String(decoding: input.body, as: UTF8.self))
                default: _ = try? VEXReader.statements(data: Data(input.body), file: "fuzz.vex.json")
                }
            }),
    ]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// The importer a DefectDojo sample folder or SARIF file is for.
    static func reportFormat(forPath path: String) -> String? {
        if path.hasPrefix("sarif/") { return path.hasSuffix(".sarif") || path.hasSuffix(".json") ? "sarif" : nil }
        let parts = path.split(separator: "/")
        guard parts.count >= 4, parts[0] == "reports", parts[1] == "defectdojo" else { return nil }
        let renamed = ["anchore_grype": "grype", "npm_audit_7_plus": "npm-audit"]
        let folder = String(parts[2])
        return renamed[folder] ?? folder.replacingOccurrences(of: "_", with: "-")
    }
}
