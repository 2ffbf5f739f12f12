/// The kind of analysis a scanner performs; a scan can be limited to some of them.
public enum ScanType: String, Sendable, Hashable, Codable, CaseIterable {
    case code
    case dependency
    case iac
    case dast
    case network
    case baseline
}
