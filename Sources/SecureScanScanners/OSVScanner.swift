import SecureScanCore

/// `osv`: the target's components matched against the offline OSV database (`securescan db update-osv`).
///
/// Each component is looked up by ecosystem and name; its version is tested against every advisory's
/// `versions` and `SEMVER`/`ECOSYSTEM` ranges in the ecosystem's own version order. Withdrawn advisories
/// never match. Aliased advisories (a GHSA and the PYSEC for the same CVE) become one finding.
public struct OSVScanner: ScannerAdapter {
    public let id = "osv"
    public let scanType = ScanType.dependency
    public var summary: String { "Known vulnerabilities of the dependencies, from the offline OSV database" }
    public var usesVulnerabilityDatabase: Bool { true }

    public init() {}

    public func availability() async -> ScannerAvailability {
        .available(version: ToolInfo.current.version)
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        guard let database = target.advisories else {
            throw ScannersError.unavailable(
                reason: "no vulnerability database",
                installHint: "securescan db update-osv --from <OSV directory, all.zip or URL>")
        }
        let catalog = try await target.catalog.observations(of: target)
        // A local package (`file:`, `link:`, a workspace member, git) is not the registry package of its name.
        let components = catalog.components.filter { !$0.version.isEmpty && !$0.isLocal }
        var keys: [String: String] = [:]
        for component in components {
            keys[component.purl + "\u{0}" + component.manifestPath] = OSVPackageKey.make(
                ecosystem: component.ecosystem, name: Self.advisoryIdentity(of: component).name)
        }
        let advisories = try database.advisories(forPackageKeys: Array(Set(keys.values)))
        var observations = Observations()
        var undetermined: [String: Int] = [:]
        for component in components {
            try Task.checkCancellation()
            let key = keys[component.purl + "\u{0}" + component.manifestPath]!
            var matches: [AdvisoryFindings.Match] = []
            let installed = AdvisoryMatcher.Installed(Self.advisoryIdentity(of: component).version, ecosystem: component.ecosystem)
            let distribution = DistroPackages.isDistribution(component.ecosystem)
            for record in advisories[key] ?? [] where record.withdrawn == nil {
                let entries = record.affected.filter { entry in
                    guard let package = entry.package, OSVPackageKey.make(ecosystem: package.ecosystem, name: package.name) == key else { return false }
                    // A distribution's advisories are per release: Debian 11's do not speak of Debian 12.
                    if distribution, !DistroPackages.sameRelease(advisory: package.ecosystem, component: component.ecosystem) { return false }
                    switch AdvisoryMatcher.verdict(entry, installed: installed) {
                    case .affected: return true
                    case .notAffected: return false
                    case .undetermined(let reason):
                        undetermined[reason, default: 0] += 1
                        return false
                    }
                }
                if !entries.isEmpty { matches.append(AdvisoryFindings.Match(record: record, entries: entries)) }
            }
            observations.findings += AdvisoryFindings.findings(for: component, matches: matches)
        }
        for (reason, count) in undetermined.sorted(by: { $0.key < $1.key }) {
            observations.notes.append("\(count) advisory range\(count == 1 ? "" : "s") not evaluated: \(reason)")
        }
        Self.markKnownExploited(&observations.findings, database: database)
        return observations
    }

    /// Marks the findings by their vulnerability's CVE id (or any alias that is one): the EPSS score and
    /// percentile (`epss` properties) and, when it is in the Known Exploited Vulnerabilities catalog, the
    /// `kev` properties and a sentence of the description.
    static func markKnownExploited(_ findings: inout [Finding.Draft], database: any AdvisoryDatabase) {
        func cves(_ draft: Finding.Draft) -> [String] {
            var ids = draft.aliases
            if case .dependency(_, _, _, let advisory) = draft.identity { ids.append(advisory) }
            return ids.filter { $0.hasPrefix("CVE-") }
        }
        let all = findings.flatMap(cves)
        if let (date, scores) = try? database.exploitPrediction(all), !scores.isEmpty {
            for index in findings.indices {
                // The highest score among the finding's CVEs.
                guard let score = cves(findings[index]).compactMap({ scores[$0] }).max(by: { $0.probability < $1.probability }) else { continue }
                findings[index].properties.merge(ExploitPrediction.properties(score, date: date)) { $1 }
            }
        }
        guard let catalogued = try? database.knownExploited(all), !catalogued.isEmpty else { return }
        for index in findings.indices {
            guard let entry = cves(findings[index]).sorted().lazy.compactMap({ catalogued[$0] }).first else { continue }
            findings[index].properties.merge(KnownExploited.properties(entry)) { $1 }
            findings[index].description += " Known to be exploited (CISA KEV \(entry.cve), added \(entry.dateAdded), remediation due \(entry.dueDate)"
                + (entry.ransomware ? "; used in ransomware campaigns)." : ").")
        }
    }

    /// The package advisories name: a distribution package's source package and version, others themselves.
    static func advisoryIdentity(of component: Component) -> (name: String, version: String) {
        DistroPackages.isDistribution(component.ecosystem) ? DistroPackages.advisoryIdentity(of: component) : (component.name, component.version)
    }
}
