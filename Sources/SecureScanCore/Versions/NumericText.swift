/// Digit strings compared by numeric value without converting them, so version parts longer than any
/// integer type (Go pseudo-version timestamps, date-based versions) still order correctly.
enum NumericText {
    enum Order: Sendable {
        case orderedAscending, orderedSame, orderedDescending
    }

    /// The digits without leading zeros (`"0"` for all zeros).
    static func trimmed(_ digits: some StringProtocol) -> String {
        let stripped = digits.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }

    /// Compares two digit strings by value.
    static func compare(_ a: some StringProtocol, _ b: some StringProtocol) -> Order {
        let x = trimmed(a), y = trimmed(b)
        if x.count != y.count { return x.count < y.count ? .orderedAscending : .orderedDescending }
        if x == y { return .orderedSame }
        return x < y ? .orderedAscending : .orderedDescending
    }
}
