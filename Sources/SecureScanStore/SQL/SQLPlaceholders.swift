/// The store's statements use `?` placeholders, as SQLite does; PostgreSQL numbers them.
enum SQLPlaceholders {
    /// `?, ?, ?` for `count` arguments.
    static func list(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// `sql` with each `?` outside quotes replaced by `$1`, `$2`…, and how many there were.
    static func numbered(_ sql: String) -> (sql: String, count: Int) {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                count += 1
                result += "$\(count)"
            } else {
                result.append(character)
            }
        }
        return (result, count)
    }
}
