/// How restrictive a license is, from ScanCode LicenseDB's categories. Ordered from least to most
/// restrictive for a distributor, so an `OR` takes the minimum and an `AND` the maximum.
public enum LicenseFamily: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case publicDomain = "public-domain"
    case permissive
    case weakCopyleft = "weak-copyleft"
    case strongCopyleft = "strong-copyleft"
    case sourceAvailable = "source-available"
    case restricted
    case proprietary
    case other
    case unknown

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: LicenseFamily, rhs: LicenseFamily) -> Bool { lhs.rank < rhs.rank }

    public var isCopyleft: Bool { self == .weakCopyleft || self == .strongCopyleft }
}
