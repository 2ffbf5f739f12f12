import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanScanners

/// compliance.json and compliance.csv of a real run of the demo project.
@Suite struct ComplianceArtifactTests {
    @Test func theDemoRunCoversEveryFrameworkAndControl() async throws {
        let (directory, output) = try await DemoRun.scan("compliance")
        defer { try? FileManager.default.removeItem(at: output) }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("compliance.json"))) as! [String: Any]
        let frameworks = json["frameworks"] as! [[String: Any]]
        #expect(frameworks.map { $0["id"] as! String } == ComplianceFramework.all.map(\.id))
        let cis = frameworks.first { $0["id"] as! String == "cis-controls-v8" }!
        let controls = cis["controls"] as! [[String: Any]]
        let status = Dictionary(uniqueKeysWithValues: controls.map { ($0["id"] as! String, $0["status"] as! String) })
        #expect(status["CIS-02"] == "clear")          // software inventory: the dependencies scanner ran
        #expect(status["CIS-04"] == "findings")       // secure configuration: the Dockerfile findings
        #expect(status["CIS-07"] == "not_assessed")   // vulnerability management: osv did not run
        #expect(status["CIS-14"] == "not_assessed")   // training: nothing can assess it
        let csv = try String(contentsOf: directory.appendingPathComponent("compliance.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 1 + ComplianceFramework.all.map(\.controls.count).reduce(0, +))
        #expect(rows[0].hasPrefix("framework,framework_version,control,control_name,status"))
        #expect(rows.contains { $0.hasPrefix("pci-dss-v4,4.0,PCI-4,\"Protect Cardholder Data with Strong Cryptography During Transmission Over Open, Public Networks\",") })
    }

    @Test func csvFieldsAreQuotedAndNeverFormulas() {
        #expect(CSVRecord.field("plain") == "plain")
        #expect(CSVRecord.field("a,b") == "\"a,b\"")
        #expect(CSVRecord.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRecord.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVRecord.field("@cmd") == "'@cmd")
    }

    @Test func everyRulePatternNamesARegisteredScanner() {
        for framework in ComplianceFramework.all {
            for control in framework.controls {
                for rule in control.rules {
                    let scanner = String(rule.split(separator: ":")[0])
                    #expect(Scanners.named(scanner) != nil, "\(framework.id) \(control.id): \(rule)")
                }
            }
        }
    }
}
