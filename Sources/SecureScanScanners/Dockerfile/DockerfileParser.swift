/// Parses a Dockerfile into instructions, as BuildKit reads it.
///
/// - Parser directives (`# escape=` and `# syntax=`) at the top; the escape character may be `` ` ``.
/// - Line continuations with the escape character; comment and blank lines inside a continuation are skipped.
/// - Heredocs (`RUN <<EOF` … `EOF`, `<<-EOF`, quoted delimiters, several per instruction).
/// - Exec form (`["a", "b"]`) versus shell form; leading `--flag=value` options.
/// - Stages: each `FROM` starts one.
///
/// Malformed input never throws: an unterminated quote or heredoc ends at the end of the file.
enum DockerfileParser {
    static func parse(_ text: String) -> [DockerInstruction] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        var escape: Character = "\\"
        var index = 0
        // Parser directives: only before the first instruction, comment or blank line.
        while index < lines.count, let directive = directive(in: lines[index]) {
            if directive.name == "escape", let character = directive.value.first, directive.value.count == 1,
               character == "`" || character == "\\" {
                escape = character
            }
            index += 1
        }
        var instructions: [DockerInstruction] = []
        var stage = 0
        var sawFrom = false
        while index < lines.count {
            let trimmed = lines[index].drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            let startLine = index + 1
            var logical = ""
            var current = Substring(trimmed)
            while true {
                let stripped = current.trimmingTrailingWhitespace()
                if stripped.last == escape {
                    logical += stripped.dropLast()
                    index += 1
                    // Skip comment lines (and blank lines) that sit inside a continuation.
                    while index < lines.count {
                        let next = lines[index].drop(while: { $0 == " " || $0 == "\t" })
                        if next.hasPrefix("#") || next.isEmpty { index += 1 } else { break }
                    }
                    guard index < lines.count else { break }
                    logical += " "
                    current = lines[index]
                } else {
                    logical += stripped
                    break
                }
            }
            var endLine = min(index + 1, lines.count)
            index += 1
            let (keyword, rest) = splitKeyword(logical)
            if keyword == "FROM" {
                if sawFrom { stage += 1 }
                sawFrom = true
            }
            let (flags, arguments) = splitFlags(rest)
            // Heredocs: bodies follow the instruction line, each up to its delimiter line.
            var heredocs: [String] = []
            for marker in heredocMarkers(in: arguments) where ["RUN", "COPY", "ADD"].contains(keyword) {
                var body: [Substring] = []
                while index < lines.count {
                    let line = marker.stripTabs ? lines[index].drop(while: { $0 == "\t" }) : lines[index]
                    index += 1
                    if line == marker.delimiter { break }
                    body.append(line)
                }
                endLine = index
                heredocs.append(body.joined(separator: "\n"))
            }
            instructions.append(DockerInstruction(
                keyword: keyword, flags: flags, arguments: arguments, execForm: execForm(arguments),
                heredocs: heredocs, startLine: startLine, endLine: endLine, stage: stage,
                firstLine: String(lines[startLine - 1]).trimmingWhitespace()))
        }
        return instructions
    }

    private static func directive(in line: Substring) -> (name: String, value: String)? {
        guard line.hasPrefix("#") else { return nil }
        let body = line.dropFirst().trimmingWhitespace()
        guard let equals = body.firstIndex(of: "=") else { return nil }
        let name = body[..<equals].trimmingWhitespace().lowercased()
        guard ["escape", "syntax", "check"].contains(name) else { return nil }
        return (name, String(body[body.index(after: equals)...]).trimmingWhitespace())
    }

    private static func splitKeyword(_ logical: String) -> (String, String) {
        let trimmed = logical.trimmingWhitespace()
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (trimmed.uppercased(), "") }
        return (trimmed[..<space].uppercased(), String(trimmed[space...]).trimmingWhitespace())
    }

    /// Leading `--name=value` / `--name` options.
    private static func splitFlags(_ text: String) -> ([String: String], String) {
        var flags: [String: String] = [:]
        var rest = Substring(text)
        while rest.hasPrefix("--") {
            let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
            let flag = rest[rest.index(rest.startIndex, offsetBy: 2)..<end]
            if let equals = flag.firstIndex(of: "=") {
                flags[String(flag[..<equals]).lowercased()] = String(flag[flag.index(after: equals)...])
            } else {
                flags[String(flag).lowercased()] = ""
            }
            rest = rest[end...].drop(while: { $0 == " " || $0 == "\t" })
        }
        return (flags, String(rest))
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` markers in the instruction's arguments.
    private static func heredocMarkers(in arguments: String) -> [(delimiter: Substring, stripTabs: Bool)] {
        var markers: [(Substring, Bool)] = []
        var rest = Substring(arguments)
        while let range = rest.firstRange(of: "<<") {
            var after = rest[range.upperBound...]
            let stripTabs = after.hasPrefix("-")
            if stripTabs { after = after.dropFirst() }
            var quote: Character? = nil
            if let first = after.first, first == "\"" || first == "'" {
                quote = first
                after = after.dropFirst()
            }
            let word = after.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
            rest = after[word.endIndex...]
            if let quote, rest.first == quote { rest = rest.dropFirst() }
            if !word.isEmpty && word.first?.isLetter == true { markers.append((word, stripTabs)) }
        }
        return markers
    }

    /// The exec form's words, when the arguments are a JSON array of strings.
    private static func execForm(_ arguments: String) -> [String]? {
        let trimmed = arguments.trimmingWhitespace()
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else { return nil }
        var words: [String] = []
        var index = trimmed.index(after: trimmed.startIndex)
        let end = trimmed.index(before: trimmed.endIndex)
        while index < end {
            let character = trimmed[index]
            if character == " " || character == "\t" || character == "," {
                index = trimmed.index(after: index)
                continue
            }
            guard character == "\"" else { return nil }
            var word = ""
            index = trimmed.index(after: index)
            while index < end, trimmed[index] != "\"" {
                if trimmed[index] == "\\", trimmed.index(after: index) < end {
                    index = trimmed.index(after: index)
                    switch trimmed[index] {
                    case "n": word.append("\n")
                    case "t": word.append("\t")
                    default: word.append(trimmed[index])
                    }
                } else {
                    word.append(trimmed[index])
                }
                index = trimmed.index(after: index)
            }
            guard index < end else { return nil }
            words.append(word)
            index = trimmed.index(after: index)
        }
        return words
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> Substring {
        var value = self
        while let last = value.last, last == " " || last == "\t" { value = value.dropLast() }
        return value
    }

    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
