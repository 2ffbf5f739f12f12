/// Splits shell text (a `RUN` instruction's script) into simple commands.
///
/// Handles single and double quotes, backslash escapes, `&&`, `||`, `|`, `;`, `&`, newlines,
/// subshell parentheses and comments. It does not expand variables or run anything: it only has to
/// tell which words belong to which command, and that `grep "--insecure"` is not a flag of `curl`.
enum ShellScript {
    static let reservedWords: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "case", "esac", "in", "!", "{", "}",
        "function", "select",
    ]

    static func commands(in script: String) -> [ShellCommand] {
        let strict = commands(in: script, lenient: false)
        // An unterminated single quote cannot be valid shell; the usual cause is `'it\'s'`, written
        // as if backslash escaped a quote. Read it that way rather than swallow the rest of the script.
        return strict.unterminated ? commands(in: script, lenient: true).commands : strict.commands
    }

    private static func commands(in script: String, lenient: Bool) -> (commands: [ShellCommand], unterminated: Bool) {
        var unterminated = false
        var commands: [ShellCommand] = []
        var words: [String] = []
        var current = ""
        var inWord = false
        var commandStart = script.startIndex
        var pipedFrom = false
        var index = script.startIndex

        func endWord() {
            if inWord { words.append(current) }
            current = ""
            inWord = false
        }
        func endCommand(at end: String.Index, pipeNext: Bool) {
            endWord()
            let text = String(script[commandStart..<end]).trimmingWhitespace()
            if let command = makeCommand(words, pipedFrom: pipedFrom, text: text) { commands.append(command) }
            words = []
            pipedFrom = pipeNext
        }

        while index < script.endIndex {
            let character = script[index]
            switch character {
            case "'":
                inWord = true
                index = script.index(after: index)
                while index < script.endIndex, script[index] != "'" {
                    if lenient, script[index] == "\\", script.index(after: index) < script.endIndex,
                       script[script.index(after: index)] == "'" {
                        index = script.index(after: index)
                    }
                    current.append(script[index])
                    index = script.index(after: index)
                }
                if index == script.endIndex { unterminated = true }
            case "\"":
                inWord = true
                index = script.index(after: index)
                while index < script.endIndex, script[index] != "\"" {
                    if script[index] == "\\", script.index(after: index) < script.endIndex,
                       "\"\\$`\n".contains(script[script.index(after: index)]) {
                        index = script.index(after: index)
                    }
                    current.append(script[index])
                    index = script.index(after: index)
                }
            case "\\":
                let next = script.index(after: index)
                if next < script.endIndex {
                    if script[next] != "\n" {
                        inWord = true
                        current.append(script[next])
                    }
                    index = next
                }
            case "#" where !inWord:
                while index < script.endIndex, script[index] != "\n" { index = script.index(after: index) }
                continue
            case " ", "\t", "\r":
                endWord()
            case "\n", ";", "(", ")":
                endCommand(at: index, pipeNext: false)
                commandStart = script.index(after: index)
            case "&", "|":
                let next = script.index(after: index)
                let doubled = next < script.endIndex && script[next] == character
                if character == "&", next < script.endIndex, script[next] == ">" {
                    // `&>` redirection: part of the current command.
                    endWord()
                    break
                }
                if !doubled, character == "&", let previous = current.last, previous == ">" || previous == "<" {
                    // `2>&1`: a redirection, not a background operator.
                    current.append(character)
                    break
                }
                endCommand(at: index, pipeNext: character == "|" && !doubled)
                if doubled { index = next }
                commandStart = script.index(after: index)
            default:
                inWord = true
                current.append(character)
            }
            if index < script.endIndex { index = script.index(after: index) }
        }
        endCommand(at: script.endIndex, pipeNext: false)
        return (commands, unterminated)
    }

    private static func makeCommand(_ rawWords: [String], pipedFrom: Bool, text: String) -> ShellCommand? {
        var words = rawWords
        while let first = words.first, reservedWords.contains(first) { words.removeFirst() }
        guard !words.isEmpty else { return nil }
        var assignments: [(name: String, value: String)] = []
        while let first = words.first, let assignment = parseAssignment(first) {
            assignments.append(assignment)
            words.removeFirst()
        }
        if let name = words.first, ["export", "declare", "typeset", "readonly", "local"].contains(name) {
            for word in words.dropFirst() {
                if let assignment = parseAssignment(word) { assignments.append(assignment) }
            }
        }
        return ShellCommand(assignments: assignments, words: words, pipedFrom: pipedFrom, text: text)
    }

    /// `NAME=value` where NAME is a valid shell variable name.
    static func parseAssignment(_ word: String) -> (name: String, value: String)? {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
        let name = word[..<equals]
        guard let first = name.first, first == "_" || first.isLetter,
              name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else { return nil }
        return (String(name), String(word[word.index(after: equals)...]))
    }
}
