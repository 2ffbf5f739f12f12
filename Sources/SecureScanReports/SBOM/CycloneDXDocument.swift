import SecureScanCore

/// A CycloneDX BOM (1.5 or 1.6) as values, built once from a run and written as JSON or XML.
///
/// Components come from the run's ``ComponentInventory`` (one per purl, `bom-ref` = purl); the scanned
/// target is `metadata.component` and depends on the inventory's roots; dependency-vulnerability findings
/// become `vulnerabilities` (a VDR). Everything is sorted, and the serial number is derived from the run,
/// so the same run gives the same bytes.
struct CycloneDXDocument: Encodable {
    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case bomFormat, specVersion, serialNumber, version, metadata, components, dependencies, vulnerabilities
    }

    struct Metadata: Encodable {
        var timestamp: String
        var tools: Tools
        var component: Component
        var properties: [Property]
    }

    struct Tools: Encodable { var components: [Component] }

    struct Supplier: Encodable { var name: String }

    struct Component: Encodable {
        enum CodingKeys: String, CodingKey {
            case type, bomRef = "bom-ref", supplier, group, name, version, scope, hashes, licenses, purl, properties, evidence
        }

        var type: String
        var bomRef: String?
        var supplier: Supplier?
        var group: String?
        var name: String
        var version: String?
        var scope: String?
        var hashes: [Hash]?
        var licenses: [LicenseChoice]?
        var purl: String?
        var properties: [Property]?
        var evidence: Evidence?
    }

    struct Hash: Encodable {
        var alg: String
        var content: String
    }

    /// Either a list of `license` entries or exactly one `expression`.
    enum LicenseChoice: Encodable {
        case id(String)
        case name(String)
        case expression(String)

        enum CodingKeys: String, CodingKey { case license, expression }
        enum LicenseKeys: String, CodingKey { case id, name }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .expression(let expression): try container.encode(expression, forKey: .expression)
            case .id(let id):
                var license = container.nestedContainer(keyedBy: LicenseKeys.self, forKey: .license)
                try license.encode(id, forKey: .id)
            case .name(let name):
                var license = container.nestedContainer(keyedBy: LicenseKeys.self, forKey: .license)
                try license.encode(name, forKey: .name)
            }
        }
    }

    struct Property: Encodable {
        var name: String
        var value: String
    }

    struct Evidence: Encodable { var occurrences: [Occurrence] }

    struct Occurrence: Encodable { var location: String }

    struct Dependency: Encodable {
        var ref: String
        var dependsOn: [String]
    }

    struct Vulnerability: Encodable {
        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref", id, source, references, ratings, cwes, description, recommendation, advisories, affects, analysis
        }

        var bomRef: String
        var id: String
        var source: Source?
        var references: [Reference]?
        var ratings: [Rating]?
        var cwes: [Int]?
        var description: String?
        var recommendation: String?
        var advisories: [Advisory]?
        var affects: [Affect]
        var analysis: Analysis?
    }

    struct Source: Encodable {
        var name: String
        var url: String?
    }

    struct Reference: Encodable {
        var id: String
        var source: Source
    }

    struct Rating: Encodable {
        var source: Source?
        var score: Double?
        var severity: String
        var method: String?
        var vector: String?
    }

    struct Advisory: Encodable { var url: String }

    struct Affect: Encodable { var ref: String }

    struct Analysis: Encodable {
        var state: String
        var justification: String?
        var response: [String]?
        var detail: String?
    }

    let schema: String
    let bomFormat = "CycloneDX"
    let specVersion: String
    let serialNumber: String
    let version = 1
    var metadata: Metadata
    var components: [Component]
    var dependencies: [Dependency]
    var vulnerabilities: [Vulnerability]?
}
