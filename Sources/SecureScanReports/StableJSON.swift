import Foundation

/// JSON output that is the same bytes for the same value: sorted keys, two-space indent, unescaped slashes.
public enum StableJSON {
    /// A fresh encoder each time: `JSONEncoder` is a class, so a shared instance could be reconfigured.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Encodes `value` and ends the text with a newline.
    public static func data<T: Encodable>(_ value: T, format: String) throws(ReportsError) -> Data {
        do {
            var data = try encoder.encode(value)
            data.append(0x0A)
            return data
        } catch {
            throw .encodingFailed(format: format, reason: String(describing: error))
        }
    }
}
