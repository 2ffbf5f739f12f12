import SecureScanCore

/// `licenses`: the configured license policy (deny and allow lists by SPDX id, copyleft families, unknown
/// licenses) applied to every component's declared licenses.
public struct LicensesScanner: ScannerAdapter {
    public let id = "licenses"
    public let scanType = ScanType.dependency
    public var summary: String { "License policy over the dependencies' declared licenses (deny/allow lists, copyleft, unknown)" }
    public var fingerprintKinds: [String] { ["license"] }

    public init() {}

    public func availability() async -> ScannerAvailability {
        .available(version: ToolInfo.current.version)
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let catalog = try await target.catalog.observations(of: target)
        var observations = Observations()
        var seen = Set<String>()
        var undeclared = 0
        for component in catalog.components {
            if component.licenses.isEmpty { undeclared += 1 }
            for draft in target.licensePolicy.evaluate(component) where seen.insert("\(draft.identity)\u{0}\(component.manifestPath)").inserted {
                observations.findings.append(draft)
            }
        }
        if undeclared > 0 {
            observations.notes.append("\(undeclared) of \(catalog.components.count) components declare no license in their lockfile or manifest")
        }
        return observations
    }
}
