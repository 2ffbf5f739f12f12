import SecureScanCore

/// `syft scan -o syft-json`: the packages syft catalogued (components only: syft reports no findings),
/// with purls, licenses and the file each was found in.
public struct SyftReport: ReportParser {
    public let format = "syft"
    public let scanner = "syft"
    public let scanType = ScanType.dependency
    public let summary = "syft JSON output (syft scan DIR -o syft-json)"
    public let fingerprintKinds: [String] = [String]()

    public init() {}

    struct Document: Decodable {
        var artifacts: [Lenient<Artifact>]?
        var descriptor: Descriptor?
    }

    struct Descriptor: Decodable {
        var name: String?
        var version: String?
    }

    struct Artifact: Decodable {
        var name: String
        var version: String?
        var type: String?
        var purl: String?
        var language: String?
        var licenses: [License]?
        var locations: [ArtifactLocation]?
    }

    enum License: Decodable {
        case text(String)
        case object(String?)

        struct Value: Decodable {
            var value: String?
            var spdxExpression: String?
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text); return }
            let value = try container.decode(Value.self)
            self = .object(value.spdxExpression.flatMap { $0.isEmpty ? nil : $0 } ?? value.value)
        }

        var name: String? {
            switch self {
            case .text(let text): text
            case .object(let value): value
            }
        }
    }

    struct ArtifactLocation: Decodable {
        var path: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let document = try ReportJSON.decode(Document.self, data, context: context)
        guard document.artifacts != nil else { throw context.invalid("field artifacts is missing: not syft JSON output (use -o syft-json)") }
        var skipped: [String] = []
        let artifacts = ReportJSON.entries(document.artifacts, skipped: &skipped)
        let components = artifacts.map { artifact in
            let type = artifact.purl.flatMap(GrypeReport.purlType) ?? artifact.language ?? artifact.type ?? ""
            return Component(
                name: artifact.name, version: artifact.version ?? "", purl: artifact.purl ?? "",
                ecosystem: VulnerabilityDraft.ecosystem(type), licenses: (artifact.licenses ?? []).compactMap(\.name),
                manifestPath: artifact.locations?.first?.path.map(context.relative) ?? "")
        }
        try ReportJSON.requireSome(read: components.count, skipped: skipped, context: context)
        return ParsedReport(observations: Observations(components: components, skipped: skipped), toolVersion: document.descriptor?.version)
    }
}
