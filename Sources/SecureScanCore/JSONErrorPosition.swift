import Foundation

/// Where a JSON parse failed, from Foundation's "around character N" message.
public enum JSONErrorPosition {
    public static func locate(_ error: any Error, in data: Data) -> (line: Int?, column: Int?) {
        let text = message(error)
        guard let range = text.range(of: "character "),
              let offset = Int(text[range.upperBound...].prefix { $0.isNumber }) else { return (nil, nil) }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    public static func message(_ error: any Error) -> String {
        ((error as NSError).userInfo["NSDebugDescription"] as? String) ?? (error as NSError).localizedDescription
    }
}
