import Foundation

/// The one way times are written: UTC, to the second, from the calendar fields (no formatter objects,
/// no locale). `2026-11-29T00:47:21Z` in artifacts and the API, `20261129T004721Z` in run ids.
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

    /// Reads `yyyy-MM-ddTHH:mm:ssZ` (what ``iso8601(_:)`` writes); nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let parts = text.utf8
        guard parts.count == 20, text.hasSuffix("Z") else { return nil }
        let digits = Array(parts)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard digits[index] >= 0x30, digits[index] <= 0x39 else { return nil }
                value = value * 10 + Int(digits[index] - 0x30)
            }
            return value
        }
        guard digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"), digits[10] == UInt8(ascii: "T"),
              digits[13] == UInt8(ascii: ":"), digits[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var time = tm()
        time.tm_year = Int32(year - 1900)
        time.tm_mon = Int32(month - 1)
        time.tm_mday = Int32(day)
        time.tm_hour = Int32(hour)
        time.tm_min = Int32(minute)
        time.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&time)))
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
