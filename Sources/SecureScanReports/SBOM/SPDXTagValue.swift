import Foundation
import SecureScanCore

/// `sbom.spdx`: the same document as ``SPDXJSON`` in SPDX's tag-value form.
public struct SPDXTagValue: OutputFormat {
    public let id = "spdx-tv"
    public let fileName = "sbom.spdx"
    public let mediaType = "text/spdx"
    public let kind = ArtifactKind.sbom

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        sink.write(try document(report, context: context))
    }

    func document(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        let document = SPDXDocument(report)
        var lines = [
            "SPDXVersion: \(document.spdxVersion)",
            "DataLicense: \(document.dataLicense)",
            "SPDXID: \(document.spdxID)",
            "DocumentName: \(Self.line(document.name))",
            "DocumentNamespace: \(document.documentNamespace)",
        ]
        lines += document.creationInfo.creators.map { "Creator: \(Self.line($0))" }
        lines.append("Created: \(document.creationInfo.created)")
        for package in document.packages {
            lines += ["", "PackageName: \(Self.line(package.name))", "SPDXID: \(package.spdxID)"]
            if let version = package.versionInfo { lines.append("PackageVersion: \(Self.line(version))") }
            lines += [
                "PackageSupplier: \(Self.line(package.supplier))",
                "PackageDownloadLocation: \(package.downloadLocation)",
                "FilesAnalyzed: \(package.filesAnalyzed)",
            ]
            for checksum in package.checksums ?? [] { lines.append("PackageChecksum: \(checksum.algorithm): \(checksum.checksumValue)") }
            if let source = package.sourceInfo { lines.append("PackageSourceInfo: \(Self.text(source))") }
            lines += [
                "PackageLicenseConcluded: \(package.licenseConcluded)",
                "PackageLicenseDeclared: \(package.licenseDeclared)",
                "PackageCopyrightText: \(package.copyrightText)",
                "PrimaryPackagePurpose: \(package.primaryPackagePurpose)",
            ]
            for reference in package.externalRefs ?? [] {
                lines.append("ExternalRef: \(reference.referenceCategory) \(reference.referenceType) \(reference.referenceLocator)")
            }
        }
        if !document.relationships.isEmpty { lines.append("") }
        for relationship in document.relationships {
            lines.append("Relationship: \(relationship.spdxElementId) \(relationship.relationshipType) \(relationship.relatedSpdxElement)")
        }
        for license in document.hasExtractedLicensingInfos ?? [] {
            lines += ["", "LicenseID: \(license.licenseId)", "ExtractedText: \(Self.text(license.extractedText))", "LicenseName: \(Self.line(license.name))"]
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A single-line value: line breaks would end the tag early.
    static func line(_ value: String) -> String {
        value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// Multi-line text goes in `<text>` … `</text>`.
    static func text(_ value: String) -> String {
        "<text>" + value.replacingOccurrences(of: "</text>", with: "&lt;/text>") + "</text>"
    }
}
