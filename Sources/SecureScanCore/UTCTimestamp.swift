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

    /// Whether `text` is a real UTC time as runs record it: `2026-12-01T09:00:00Z`, optionally with a
    /// fraction of a second (`…:00.250Z`), every field in range (no 30 February, no hour 24).
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return false }
        let base = Array(bytes.prefix(19))
        if bytes.count > 20 {
            let fraction = bytes[19..<(bytes.count - 1)]
            guard fraction.first == UInt8(ascii: "."), fraction.count >= 2,
                  fraction.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return false }
        }
        func number(_ range: Range<Int>) -> Int? {
            let digits = base[range]
            guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return Int(String(decoding: digits, as: UTF8.self))
        }
        guard base[4] == UInt8(ascii: "-"), base[7] == UInt8(ascii: "-"), base[10] == UInt8(ascii: "T"),
              base[13] == UInt8(ascii: ":"), base[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              year >= 1970, (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
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
