import Foundation
import SecureScanCore

/// SBOM documents committed to a tree (a container image's SBOM, a vendor's delivery) read as
/// inventories: CycloneDX JSON and XML, SPDX 2.x JSON and tag-value. Their packages join the catalog
/// with the document as their location, so they are matched against advisories as a lockfile's are.
/// Packages without a purl are left out: nothing could match them.
enum SBOMDocuments {
    static let format = LockfileFormat(id: "sbom-document", matches: { name, _ in isDocumentName(name) }, read: read)

    /// `bom.json`, `sbom.xml`, `*.cdx.json`, `*.bom.xml`, `*.spdx.json`, `*.spdx`, `*.spdx.tv` …
    static func isDocumentName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if ["bom.json", "bom.xml", "sbom.json", "sbom.xml"].contains(lowered) { return true }
        return [".cdx.json", ".cdx.xml", ".bom.json", ".bom.xml", ".sbom.json", ".sbom.xml", ".spdx.json", ".spdx", ".spdx.tv"]
            .contains { lowered.hasSuffix($0) }
    }

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let trimmed = file.text.drop { $0.isWhitespace }
        let bom: CycloneDXReport.BOM
        let context = ReportContext(source: file.path, manifest: file.path)
        if trimmed.hasPrefix("{") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(file.text.utf8)) as? [String: Any] else {
                throw .invalidManifest(path: file.path, line: nil, reason: "not valid JSON")
            }
            if object["bomFormat"] as? String == "CycloneDX" {
                bom = try CycloneDXReport.json(Array(file.text.utf8), context: context)
            } else if let version = object["spdxVersion"] as? String {
                guard version.hasPrefix("SPDX-2.") else {
                    throw .invalidManifest(path: file.path, line: nil, reason: "spdxVersion '\(version)': this version reads SPDX 2.x documents")
                }
                bom = spdxJSON(object)
            } else {
                throw .invalidManifest(path: file.path, line: nil, reason: "neither a CycloneDX (bomFormat) nor an SPDX (spdxVersion) document")
            }
        } else if trimmed.hasPrefix("<") {
            bom = try CycloneDXReport.xml(Array(file.text.utf8), context: context)
        } else if trimmed.hasPrefix("SPDXVersion:") || file.text.contains("\nSPDXVersion:") {
            bom = spdxTagValue(file.text)
        } else {
            throw .invalidManifest(path: file.path, line: nil, reason: "not a CycloneDX or SPDX document")
        }
        // Every package is located in the document itself, whatever it says it was found in.
        var components = bom.report(context: context).observations.components.filter { !$0.purl.isEmpty }
        for index in components.indices { components[index].manifestPath = file.path }
        return Catalog(components: components)
    }

    /// SPDX 2.x JSON: `packages[]` with their `purl` external reference, version and declared license.
    static func spdxJSON(_ object: [String: Any]) -> CycloneDXReport.BOM {
        var bom = CycloneDXReport.BOM()
        for case let package as [String: Any] in object["packages"] as? [Any] ?? [] {
            let references = package["externalRefs"] as? [[String: Any]] ?? []
            let purl = references.first { ($0["referenceType"] as? String)?.lowercased() == "purl" }?["referenceLocator"] as? String
            guard let purl, let name = package["name"] as? String else { continue }
            let license = [package["licenseDeclared"], package["licenseConcluded"]].compactMap { $0 as? String }
                .first { !["NOASSERTION", "NONE", ""].contains($0) }
            bom.components.append(CycloneDXReport.Part(ref: package["SPDXID"] as? String, type: "library", name: purlName(purl) ?? name,
                                                       version: package["versionInfo"] as? String, purl: purl,
                                                       licenses: license.map { [$0] } ?? []))
        }
        return bom
    }

    /// SPDX 2.x tag-value: a package starts at `PackageName:`; `PackageVersion:`, `ExternalRef: … purl …`
    /// and `PackageLicenseDeclared:` belong to the package above them.
    static func spdxTagValue(_ text: String) -> CycloneDXReport.BOM {
        var bom = CycloneDXReport.BOM()
        var current: CycloneDXReport.Part?
        func flush() {
            if let part = current, part.purl != nil { bom.components.append(part) }
            current = nil
        }
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let tag = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch tag {
            case "PackageName":
                flush()
                current = CycloneDXReport.Part(type: "library", name: value)
            case "SPDXID": current?.ref = value
            case "PackageVersion": current?.version = value
            case "ExternalRef":
                let fields = value.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count >= 3, fields[1].lowercased() == "purl" {
                    current?.purl = String(fields[2])
                    if let name = purlName(String(fields[2])) { current?.name = name }
                }
            case "PackageLicenseDeclared" where !["NOASSERTION", "NONE"].contains(value):
                current?.licenses = [value]
            default: break
            }
        }
        flush()
        return bom
    }

    /// The package's own name in a purl (`pkg:maven/org.apache.jena/apache-jena@3.12.0` → `apache-jena`):
    /// SPDX's `name` is a display name (`Jena`), the catalog's is the package manager's.
    static func purlName(_ purl: String) -> String? {
        guard purl.hasPrefix("pkg:") else { return nil }
        var body = purl.dropFirst(4).drop { $0 != "/" }.dropFirst()
        if let cut = body.firstIndex(where: { $0 == "@" || $0 == "?" || $0 == "#" }) { body = body[..<cut] }
        let name = body.split(separator: "/").last.map(String.init)
        return name.flatMap { $0.removingPercentEncoding ?? $0 }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
