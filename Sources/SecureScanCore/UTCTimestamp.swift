import Foundation

/// The one way times are written: UTC, from the calendar fields (no formatter objects, no locale).
/// `2026-11-29T00:47:21Z` in artifacts, the API and the command line, `20261129T004721Z` in run ids.
/// (Reading stays with `ISO8601DateFormatter`, which also takes offsets and fractions from users.)
public enum UTCTimestamp {
    /// ISO 8601 / RFC 3339 with a `Z`.
    public static func iso8601(_ date: Date) -> String {
        let f = fields(date)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))Z"
    }

    /// The basic ISO 8601 form run ids start with.
    public static func compact(_ date: Date) -> String {
        let f = fields(date)
        return "\(pad(f.year, 4))\(pad(f.month))\(pad(f.day))T\(pad(f.hour))\(pad(f.minute))\(pad(f.second))Z"
    }

    /// ISO 8601 with milliseconds: sorts as text (the webhook delivery schedule relies on it).
    public static func iso8601Milliseconds(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) * 1000)
        return String(iso8601(date).dropLast()) + "." + pad(min(milliseconds, 999), 3) + "Z"
    }

    private static func fields(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
