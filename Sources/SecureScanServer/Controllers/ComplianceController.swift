import Hummingbird
import SecureScanCore
import SecureScanStore

/// `/compliance`: the frameworks, and per run which controls have findings, are clear, or were not assessed.
struct ComplianceController {
    let services: ServerServices

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/compliance/frameworks", access: .scope(.read), id: "listFrameworks", tag: "compliance",
                     summary: "The compliance frameworks and their control counts", answers: [.json(200, "The frameworks.", .ref("Frameworks"))],
                     handler: frameworks),
            Endpoint(.get, "/compliance/coverage", access: .scope(.read), id: "getComplianceCoverage", tag: "compliance",
                     summary: "Per framework and control: findings, clear or not assessed, for one scan",
                     description: "`coverage_percentage` is the share of controls a scanner that ran assesses (with or without findings).",
                     parameters: [.query("scan_id", .string(length: 1...200), "The scan.", required: true),
                                  .query("framework", .values(ComplianceFramework.all.map(\.id)), "One framework only.")],
                     answers: [.json(200, "The coverage.", .ref("Coverage")), .json(404, "No such scan.", .ref("Error")),
                               .json(409, "The scan has no stored run yet.", .ref("Error"))],
                     handler: coverage),
        ]
    }

    func frameworks(_ request: Request, context: APIContext) async throws -> Response {
        Response.json(["frameworks": .array(ComplianceFramework.all.map { framework in
            ["id": .string(framework.id), "name": .string(framework.name), "version": .string(framework.version),
             "source": .string(framework.source), "total_controls": .int(framework.controls.count)]
        })])
    }

    func coverage(_ request: Request, context: APIContext) async throws -> Response {
        let query = QueryReader(request)
        let scanID = try query.required("scan_id")
        var frameworks = ComplianceFramework.all
        if let wanted = query.string("framework") {
            guard let framework = ComplianceFramework.named(wanted) else {
                throw ServerError.invalid("query parameter 'framework': '\(wanted)' is not one of \(ComplianceFramework.all.map(\.id).joined(separator: ", "))")
            }
            frameworks = [framework]
        }
        let scan = try stored { () throws(StoreError) in try services.store.scan(id: scanID) }
        guard let run = scan.run else { throw ServerError.conflict("Scan \(scanID) is \(scan.status.rawValue): it has no stored run") }
        let findings = try stored { () throws(StoreError) in try services.store.findings(runID: run.id, filter: .init(), limit: .max).map(\.finding) }
        let runs = try stored { () throws(StoreError) in try services.store.scannerRuns(runIDs: [run.id]) }[run.id] ?? []
        let coverage = ComplianceCoverage.compute(findings: findings, scannerRuns: runs, frameworks: frameworks)
        let byFingerprint = Dictionary(findings.map { ($0.fingerprint.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        return Response.json(["scan_id": .string(scanID), "coverage": .array(coverage.frameworks.map { framework in
            let withFindings = framework.controls.filter { $0.status == .findings }.count
            let clear = framework.controls.filter { $0.status == .clear }.count
            let total = framework.controls.count
            return [
                "framework": .string(framework.id), "name": .string(framework.name), "version": .string(framework.version),
                "source": .string(framework.source), "total_controls": .int(total), "controls_with_findings": .int(withFindings),
                "controls_clear": .int(clear), "controls_not_assessed": .int(total - withFindings - clear),
                "coverage_percentage": .double(total == 0 ? 0 : (Double(withFindings + clear) * 10_000 / Double(total)).rounded() / 100),
                "controls": .array(framework.controls.map { control in
                    ["id": .string(control.id), "name": .string(control.name), "status": .string(control.status.rawValue),
                     "assessed_by": .strings(control.assessedBy),
                     "findings": .array(control.fingerprints.compactMap { byFingerprint[$0] }.map { finding in
                         ["fingerprint": .string(finding.fingerprint.rawValue), "scanner": .string(finding.scanner), "rule_id": .string(finding.ruleID),
                          "severity": .string(finding.severity.rawValue), "title": .string(finding.title),
                          "location": .optional(finding.location?.display)]
                     })]
                }),
            ]
        })])
    }
}
