import SecureScanCore

extension CycloneDXDocument {
    /// The BOM of one run.
    init(_ report: RunReport, version: CycloneDXVersion) {
        let inventory = ComponentInventory(report.components)
        let targetRef = "securescan-target:" + report.target.name
        schema = version.schemaURL
        specVersion = version.rawValue
        serialNumber = "urn:uuid:" + DeterministicUUID.make("cyclonedx\n\(report.target.name)\n\(report.runID)")
        var targetProperties: [Property] = []
        if let branch = report.target.branch { targetProperties.append(Property(name: "securescan:branch", value: branch)) }
        metadata = Metadata(
            timestamp: report.finishedAt,
            tools: Tools(components: [Component(type: "application", name: report.tool.name, version: report.tool.version)]),
            component: Component(type: "application", bomRef: targetRef, name: report.target.name, version: report.target.commit),
            properties: [Property(name: "securescan:run", value: report.runID)] + targetProperties)
        components = inventory.entries.map { entry in
            let component = entry.component
            var group: String?
            var name = component.name
            if component.ecosystem == "Maven", let colon = name.firstIndex(of: ":") {
                group = String(name[..<colon])
                name = String(name[name.index(after: colon)...])
            }
            return Component(
                type: "library", bomRef: component.purl,
                supplier: ComponentProvenance.supplier(component, target: report.target.name).map(Supplier.init),
                group: group, name: name, version: component.version.isEmpty ? nil : component.version,
                scope: Self.scope(component.scope),
                hashes: component.hashes.isEmpty ? nil : component.hashes.keys.sorted().map { Hash(alg: $0, content: component.hashes[$0]!) },
                licenses: SBOMLicenses.cycloneDX(component.licenses), purl: component.purl,
                properties: [Property(name: "securescan:ecosystem", value: component.ecosystem)]
                    + component.properties.keys.sorted().map { Property(name: "securescan:" + $0, value: component.properties[$0]!) },
                evidence: Evidence(occurrences: entry.manifests.map(Occurrence.init)))
        }
        dependencies = [Dependency(ref: targetRef, dependsOn: inventory.roots)]
            + inventory.entries.map { Dependency(ref: $0.component.purl, dependsOn: $0.component.dependsOn) }
        let present = Set(inventory.entries.map(\.component.purl))
        let vulnerabilities = report.findings.compactMap { Self.vulnerability($0, present: present) }
        self.vulnerabilities = vulnerabilities.isEmpty ? nil : vulnerabilities
    }

    static func scope(_ scope: SecureScanCore.Component.Scope) -> String {
        switch scope {
        case .required: "required"
        case .optional: "optional"
        case .development: "excluded"
        }
    }

    /// A dependency finding that names a package in the BOM (its `purl` property) as a VDR entry.
    static func vulnerability(_ finding: Finding, present: Set<String>) -> Vulnerability? {
        guard finding.scanType == .dependency, let purl = finding.properties["purl"], present.contains(purl) else { return nil }
        var ratings: [Rating] = []
        if let vector = finding.properties["cvss_vector"] {
            ratings.append(Rating(
                source: nil, score: finding.properties["cvss_score"].flatMap(Double.init), severity: finding.severity.rawValue,
                method: Self.method(forVector: vector), vector: vector))
        } else {
            ratings.append(Rating(source: nil, score: nil, severity: finding.severity.rawValue, method: "other", vector: nil))
        }
        let osvID = finding.properties["osv_id"] ?? finding.ruleID
        return Vulnerability(
            bomRef: finding.fingerprint.description, id: finding.ruleID,
            source: Source(name: "OSV", url: "https://osv.dev/vulnerability/" + osvID),
            references: finding.aliases.isEmpty ? nil : finding.aliases.map { Reference(id: $0, source: Self.source(ofAlias: $0)) },
            ratings: ratings,
            cwes: finding.cwes.isEmpty ? nil : finding.cwes.compactMap { Int($0.drop { !$0.isNumber }) },
            description: finding.description.isEmpty ? finding.title : finding.description,
            recommendation: finding.remediation,
            advisories: finding.references.isEmpty ? nil : finding.references.map(Advisory.init),
            affects: [Affect(ref: purl)],
            analysis: analysis(finding))
    }

    /// The finding's triage as CycloneDX VEX: `not_affected` with the justification (triage or a VEX document),
    /// `false_positive`, `exploitable` with `will_not_fix` for an accepted risk, and `in_triage` while open.
    static func analysis(_ finding: Finding) -> Analysis {
        guard let suppression = finding.suppression else { return Analysis(state: "in_triage") }
        let note = OpenVEXDocument.note(of: suppression)
        if let justification = suppression.justification {
            return Analysis(state: "not_affected", justification: justification.cycloneDX, detail: note)
        }
        if suppression.source == .triage {
            if suppression.reason.hasPrefix(TriageStatus.falsePositive.rawValue) { return Analysis(state: "false_positive", detail: note) }
            return Analysis(state: "exploitable", response: ["will_not_fix"], detail: suppression.reason)
        }
        return Analysis(state: "in_triage", detail: "suppressed (\(suppression.source.rawValue)): \(suppression.reason)")
    }

    static func method(forVector vector: String) -> String {
        if vector.hasPrefix("CVSS:4.0") { return "CVSSv4" }
        if vector.hasPrefix("CVSS:3.1") { return "CVSSv31" }
        if vector.hasPrefix("CVSS:3.0") { return "CVSSv3" }
        return "other"
    }

    static func source(ofAlias alias: String) -> Source {
        if alias.hasPrefix("CVE-") { return Source(name: "NVD", url: "https://nvd.nist.gov/vuln/detail/" + alias) }
        if alias.hasPrefix("GHSA-") { return Source(name: "GitHub Advisories", url: "https://github.com/advisories/" + alias) }
        return Source(name: "OSV", url: "https://osv.dev/vulnerability/" + alias)
    }
}
