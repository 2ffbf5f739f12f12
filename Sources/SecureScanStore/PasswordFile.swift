import Foundation

/// libpq's password file (`~/.pgpass`, or `PGPASSFILE`): lines of `host:port:database:user:password`,
/// `*` matching anything in the first four fields, `\:` and `\\` escaping, `#` starting a comment. The
/// first matching line wins. Like libpq, a file that others may read (group or world permissions) is
/// ignored.
enum PasswordFile {
    static func lookup(file: String, host: String, port: Int, database: String, user: String) -> String? {
        var info = stat()
        guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return lookup(text: text, host: host, port: port, database: database, user: user)
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
