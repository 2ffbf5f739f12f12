import Foundation

/// libpq's password file (`~/.pgpass`, or `PGPASSFILE`): lines of `host:port:database:user:password`,
/// `*` matching anything in the first four fields, `\:` and `\\` escaping, `#` starting a comment. The
/// first matching line wins. Like libpq, a file that others may read (group or world permissions) is
/// ignored.
enum PasswordFile {
    /// What reading the file gave.
    enum Outcome: Equatable {
        case found(String)
        /// No file, or no matching line.
        case none
        /// The file exists but was not read: why, as a sentence naming it.
        case ignored(String)
    }

    static func lookup(file: String, host: String, port: Int, database: String, user: String) -> Outcome {
        var info = stat()
        guard stat(file, &info) == 0 else { return .none }
        guard info.st_mode & S_IFMT == S_IFREG else { return .ignored("\(file) is not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            return .ignored("\(file) was not read: others may read it (chmod 600 \(file)), as libpq requires")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return .ignored("\(file) is not readable UTF-8 text") }
        return lookup(text: text, host: host, port: port, database: database, user: user).map(Outcome.found) ?? .none
    }

    static func lookup(text: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            // libpq matches "localhost" for connections over a Unix socket; a TCP host is compared as given.
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits on unescaped colons, unescaping `\:` and `\\`.
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
