/// A cursor over a version string's characters, for the hand-written version grammars.
struct VersionScanner {
    let characters: [Character]
    var position = 0

    init(_ text: String) { characters = Array(text) }

    var end: Int { characters.count }
    var atEnd: Bool { position >= characters.count }
    var rest: String { String(characters[min(position, end)...]) }

    func peek(_ character: Character) -> Bool { position < end && characters[position] == character }

    func peekDigit(after offset: Int) -> Bool {
        position + offset < end && characters[position + offset].isASCIIDigit
    }

    mutating func advance() { position += 1 }

    @discardableResult
    mutating func skip(_ character: Character) -> Bool {
        guard peek(character) else { return false }
        position += 1
        return true
    }

    mutating func skipSeparator() {
        if position < end, "-_.".contains(characters[position]) { position += 1 }
    }

    /// Decimal digits as an Int (nil when there are none or the value overflows).
    mutating func integer() -> Int? {
        let start = position
        while position < end, characters[position].isASCIIDigit { position += 1 }
        guard position > start else { return nil }
        return Int(String(characters[start..<position]))
    }

    /// The longest of `words` at the cursor (consumed), mapped to its value.
    mutating func word(_ words: [String: Int]) -> Int? {
        for (word, value) in words.sorted(by: { $0.key.count > $1.key.count }) {
            let letters = Array(word)
            guard position + letters.count <= end, Array(characters[position..<position + letters.count]) == letters else { continue }
            position += letters.count
            return value
        }
        return nil
    }
}
