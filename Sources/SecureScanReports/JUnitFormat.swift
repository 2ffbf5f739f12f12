import Foundation
import SecureScanCore

/// `findings.junit.xml`, for CI systems that show test reports: a test suite per scanner, a test case per
/// rule and location, and a failure for each finding that fails the gate (``GatePolicy/fails(_:)``);
/// suppressed findings are skipped test cases with the suppression's reason. Valid against the JUnit
/// schema Jenkins validates with (`fixtures/schemas/junit/junit-10.xsd`).
public struct JUnitFormat: OutputFormat {
    public let id = "junit"
    public let fileName = "findings.junit.xml"
    public let mediaType = "application/xml"
    public let writtenByDefault = false

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        let scanners = Dictionary(grouping: report.findings, by: \.scanner)
        let failing = { (finding: Finding) in finding.isOpen && context.gatePolicy.fails(finding) }
        var xml = XMLWriter()
        let failures = report.findings.count(where: failing)
        xml.start("testsuites", [("name", "SecureScan \(report.target.name)"), ("tests", String(report.findings.count)),
                                 ("failures", String(failures)), ("errors", String(report.scannerRuns.count(where: \.isError)))])
        for run in report.scannerRuns.sorted(by: { $0.scanner < $1.scanner }) where run.status != .skipped || scanners[run.scanner] != nil {
            let findings = scanners[run.scanner] ?? []
            xml.start("testsuite", [
                ("name", run.scanner), ("tests", String(max(findings.count, run.isError ? 1 : 0))),
                ("failures", String(findings.count(where: failing))), ("errors", run.isError ? "1" : "0"),
                ("skipped", String(findings.count { !$0.isOpen })),
            ])
            if run.isError {
                xml.start("testcase", [("name", "\(run.scanner) ran"), ("classname", run.scanner)])
                xml.element("error", run.error ?? run.status.rawValue, [("type", run.status.rawValue), ("message", "\(run.scanner) \(run.status.rawValue)")])
                xml.end()
            }
            for finding in findings {
                xml.start("testcase", [("name", finding.location?.display ?? finding.title), ("classname", finding.ruleID)])
                if let suppression = finding.suppression {
                    xml.element("skipped", "", [("message", "suppressed (\(suppression.source.rawValue)): \(suppression.reason)")])
                } else if failing(finding) {
                    xml.element("failure", finding.description + "\nfingerprint: " + finding.fingerprint.rawValue,
                                [("type", finding.severity.rawValue), ("message", finding.title)])
                } else {
                    xml.element("system-out", "\(finding.severity.rawValue): \(finding.title)")
                }
                xml.end()
            }
            xml.end()
        }
        xml.end()
        sink.write(xml.text)
    }
}
