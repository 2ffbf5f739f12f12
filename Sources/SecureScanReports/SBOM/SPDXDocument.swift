import Crypto
import Foundation
import SecureScanCore

/// An SPDX 2.3 document as values, built once from a run and written as JSON or tag-value.
///
/// The scanned target is the described package; it depends on the inventory's roots, and each package on
/// what its lockfile says it depends on. Development and optional roots are related with
/// `DEV_DEPENDENCY_OF` / `OPTIONAL_DEPENDENCY_OF`. Ids and the namespace derive from the run, so the same
/// run gives the same bytes.
struct SPDXDocument: Encodable {
    struct CreationInfo: Encodable {
        var created: String
        var creators: [String]
    }

    struct Package: Encodable {
        enum CodingKeys: String, CodingKey {
            case spdxID = "SPDXID", name, versionInfo, supplier, downloadLocation, filesAnalyzed, licenseConcluded,
                 licenseDeclared, copyrightText, externalRefs, checksums, primaryPackagePurpose, sourceInfo
        }

        var spdxID: String
        var name: String
        var versionInfo: String?
        var supplier: String
        var downloadLocation = "NOASSERTION"
        var filesAnalyzed = false
        var licenseConcluded = "NOASSERTION"
        var licenseDeclared: String
        var copyrightText = "NOASSERTION"
        var externalRefs: [ExternalRef]?
        var checksums: [Checksum]?
        var primaryPackagePurpose: String
        var sourceInfo: String?
    }

    struct ExternalRef: Encodable {
        var referenceCategory: String
        var referenceType: String
        var referenceLocator: String
    }

    struct Checksum: Encodable {
        var algorithm: String
        var checksumValue: String
    }

    struct Relationship: Encodable {
        var spdxElementId: String
        var relationshipType: String
        var relatedSpdxElement: String
    }

    struct ExtractedLicense: Encodable {
        var licenseId: String
        var extractedText: String
        var name: String
    }

    enum CodingKeys: String, CodingKey {
        case spdxVersion, dataLicense, spdxID = "SPDXID", name, documentNamespace, creationInfo, packages, relationships,
             hasExtractedLicensingInfos
    }

    let spdxVersion = "SPDX-2.3"
    let dataLicense = "CC0-1.0"
    let spdxID = "SPDXRef-DOCUMENT"
    var name: String
    var documentNamespace: String
    var creationInfo: CreationInfo
    var packages: [Package]
    var relationships: [Relationship]
    var hasExtractedLicensingInfos: [ExtractedLicense]?

    static let targetID = "SPDXRef-Target"
    /// The version of a package whose manifest declares none (an unpinned conda spec, Go's main module).
    static let unpinned = "unpinned"

    init(_ report: RunReport) {
        let inventory = ComponentInventory(report.components)
        name = "\(report.target.name) (SecureScan run \(report.runID))"
        documentNamespace = "urn:uuid:" + DeterministicUUID.make("spdx\n\(report.target.name)\n\(report.runID)")
        creationInfo = CreationInfo(
            created: Self.timestamp(report.finishedAt),
            creators: ["Tool: \(report.tool.name)-\(report.tool.version)", "Organization: \(report.tool.name)"])
        let ids = Dictionary(uniqueKeysWithValues: inventory.entries.map { ($0.component.purl, Self.spdxID(for: $0.component)) })
        var extracted: [String: String] = [:]
        packages = [Package(
            spdxID: Self.targetID, name: report.target.name, versionInfo: report.target.commit ?? "unversioned",
            supplier: "Organization: \(report.target.name)", licenseDeclared: "NOASSERTION", primaryPackagePurpose: "APPLICATION",
            sourceInfo: "the scanned target")]
        packages += inventory.entries.map { entry in
            let component = entry.component
            for name in SBOMLicenses.names(component.licenses) { extracted[SBOMLicenses.reference(forName: name)] = name }
            return Package(
                spdxID: ids[component.purl]!, name: component.name, versionInfo: component.version.isEmpty ? Self.unpinned : component.version,
                supplier: ComponentProvenance.supplier(component, target: report.target.name).map { "Organization: \($0)" } ?? "NOASSERTION",
                licenseDeclared: SBOMLicenses.spdx(component.licenses) ?? "NOASSERTION",
                externalRefs: [ExternalRef(referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: component.purl)],
                checksums: Self.checksums(component.hashes), primaryPackagePurpose: "LIBRARY",
                sourceInfo: "declared in " + entry.manifests.joined(separator: ", ") + (component.version.isEmpty ? ", which pin no version" : "")
                    + ComponentProvenance.sentence(component))
        }
        let scopes = Dictionary(uniqueKeysWithValues: inventory.entries.map { ($0.component.purl, $0.component.scope) })
        relationships = [Relationship(spdxElementId: spdxID, relationshipType: "DESCRIBES", relatedSpdxElement: Self.targetID)]
        // Every root is a DEPENDS_ON of the target, so the graph is connected from what the document
        // describes; development and optional roots say so with a second, more specific relationship.
        for root in inventory.roots {
            relationships.append(Relationship(spdxElementId: Self.targetID, relationshipType: "DEPENDS_ON", relatedSpdxElement: ids[root]!))
            switch scopes[root] ?? .required {
            case .required: break
            case .optional: relationships.append(Relationship(spdxElementId: ids[root]!, relationshipType: "OPTIONAL_DEPENDENCY_OF", relatedSpdxElement: Self.targetID))
            case .development: relationships.append(Relationship(spdxElementId: ids[root]!, relationshipType: "DEV_DEPENDENCY_OF", relatedSpdxElement: Self.targetID))
            }
        }
        for entry in inventory.entries {
            for dependency in entry.component.dependsOn {
                relationships.append(Relationship(spdxElementId: ids[entry.component.purl]!, relationshipType: "DEPENDS_ON", relatedSpdxElement: ids[dependency]!))
            }
        }
        hasExtractedLicensingInfos = extracted.isEmpty ? nil : extracted.keys.sorted().map {
            ExtractedLicense(licenseId: $0, extractedText: "The license named \"\(extracted[$0]!)\" in the package's manifest.", name: extracted[$0]!)
        }
    }

    /// `SPDXRef-Package-<ecosystem>-<name>-<version>-<8 hex of the purl's SHA-256>`, restricted to the
    /// characters SPDX ids allow.
    static func spdxID(for component: SecureScanCore.Component) -> String {
        let digest = SHA256.hash(data: Data(component.purl.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        let readable = "\(component.ecosystem)-\(component.name)-\(component.version)"
            .map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") ? $0 : "-" }
        return "SPDXRef-Package-" + String(readable.prefix(80)) + "-" + digest
    }

    /// SPDX checksum algorithm names for the CycloneDX-style names components carry.
    static func checksums(_ hashes: [String: String]) -> [Checksum]? {
        let names = ["SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512", "MD5": "MD5"]
        let checksums = hashes.keys.sorted().compactMap { key in names[key].map { Checksum(algorithm: $0, checksumValue: hashes[key]!) } }
        return checksums.isEmpty ? nil : checksums
    }

    /// SPDX wants `YYYY-MM-DDThh:mm:ssZ`: no fractional seconds.
    static func timestamp(_ iso: String) -> String {
        guard let dot = iso.firstIndex(of: ".") else { return iso }
        return String(iso[..<dot]) + "Z"
    }
}
