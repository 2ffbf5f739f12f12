/// A cursor over a version string's UTF-8 bytes, for the hand-written version grammars.
struct VersionScanner {
    /// Words to recognise at the cursor, longest first, each with the value it stands for.
    typealias Words = [(word: [UInt8], value: Int)]

    let bytes: [UInt8]
    var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func words(_ pairs: KeyValuePairs<String, Int>) -> Words {
        pairs.map { (Array($0.key.utf8), $0.value) }.sorted { $0.word.count > $1.word.count }
    }

    var end: Int { bytes.count }
    var atEnd: Bool { position >= bytes.count }
    var rest: String { String(decoding: bytes[min(position, end)...], as: UTF8.self) }

    func peek(_ character: Unicode.Scalar) -> Bool { position < end && bytes[position] == UInt8(ascii: character) }

    func peekDigit(after offset: Int) -> Bool {
        position + offset < end && Self.isDigit(bytes[position + offset])
    }

    mutating func advance() { position += 1 }

    @discardableResult
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard peek(character) else { return false }
        position += 1
        return true
    }

    mutating func skipSeparator() {
        if position < end, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "_") || bytes[position] == UInt8(ascii: ".") {
            position += 1
        }
    }

    /// Decimal digits as an Int (nil when there are none or the value overflows).
    mutating func integer() -> Int? {
        let start = position
        var value = 0
        var overflow = false
        while position < end, Self.isDigit(bytes[position]) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(bytes[position] - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = sum
            position += 1
        }
        guard position > start, !overflow else { return nil }
        return value
    }

    /// The first (longest) of `words` at the cursor, consumed, as its value.
    mutating func word(_ words: Words) -> Int? {
        for (word, value) in words where position + word.count <= end {
            var matches = true
            for offset in 0..<word.count where bytes[position + offset] != word[offset] {
                matches = false
                break
            }
            if matches {
                position += word.count
                return value
            }
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
