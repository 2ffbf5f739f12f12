import Foundation
import SecureScanCore

/// The server's timestamps: ISO-8601 in UTC with a `Z`, to the second, the same form runs are stored in.
enum ServerTime {
    static func timestamp(_ date: Date) -> String { UTCTimestamp.iso8601(date) }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
