/// The CycloneDX specification versions we write.
public enum CycloneDXVersion: String, Sendable, Hashable, CaseIterable {
    case v1_5 = "1.5"
    case v1_6 = "1.6"

    public static let `default` = CycloneDXVersion.v1_6

    var schemaURL: String { "http://cyclonedx.org/schema/bom-\(rawValue).schema.json" }
    var xmlNamespace: String { "http://cyclonedx.org/schema/bom/\(rawValue)" }
}
