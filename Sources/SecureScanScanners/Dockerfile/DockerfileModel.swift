/// A parsed Dockerfile with the views rules need, computed once per file.
struct DockerfileModel: Sendable {
    let path: String
    let instructions: [DockerInstruction]
    /// Each `RUN` with its simple commands.
    let runs: [(instruction: DockerInstruction, commands: [ShellCommand])]
    /// Stage index to its `AS` name (lower-cased), where it has one.
    let stageNames: [Int: String]
    let finalStage: Int

    init(path: String, text: String) {
        self.path = path
        instructions = DockerfileParser.parse(text)
        runs = instructions.filter { $0.keyword == "RUN" }.map { ($0, ShellScript.commands(in: $0.script)) }
        var names: [Int: String] = [:]
        for instruction in instructions where instruction.keyword == "FROM" {
            if let image = FromImage(instruction.arguments), let alias = image.alias { names[instruction.stage] = alias.lowercased() }
        }
        stageNames = names
        finalStage = instructions.last?.stage ?? 0
    }

    /// A stable name for a stage: its alias, else its position.
    func stageKey(_ stage: Int) -> String { stageNames[stage].map { "stage:\($0)" } ?? "stage:\(stage)" }

    /// `ENV`/`ARG` name–value pairs of an instruction (values quote-removed; an `ARG` without default has none).
    static func variables(of instruction: DockerInstruction) -> [(name: String, value: String?)] {
        let words = ShellWords.split(instruction.arguments)
        guard let first = words.first else { return [] }
        if instruction.keyword == "ENV", !first.contains("=") {
            // Legacy `ENV NAME value with spaces`.
            let rest = instruction.arguments.drop(while: { $0 != " " && $0 != "\t" })
            return [(first, ShellWords.split(String(rest)).joined(separator: " "))]
        }
        if instruction.keyword == "ARG", words.count >= 2, !first.contains("=") {
            // `ARG NAME value`: not valid BuildKit syntax, but read the way people mean it.
            return [(first, words.dropFirst().joined(separator: " "))]
        }
        return words.map { word in
            guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }
}

/// The image reference of a `FROM` instruction.
struct FromImage: Sendable, Hashable {
    var image: String
    var alias: String?

    init?(_ arguments: String) {
        let words = ShellWords.split(arguments).filter { !$0.hasPrefix("--") }
        guard let image = words.first else { return nil }
        self.image = image
        if words.count >= 3, words[1].lowercased() == "as" { alias = words[2] }
    }

    /// The part after the last `:` that follows the last `/`, if any.
    var tag: String? {
        let name = image.split(separator: "@", maxSplits: 1).first.map(String.init) ?? image
        let lastSegment = name.split(separator: "/").last ?? Substring(name)
        guard let colon = lastSegment.lastIndex(of: ":") else { return nil }
        return String(lastSegment[lastSegment.index(after: colon)...])
    }

    var hasDigest: Bool { image.contains("@") }
    /// The image without tag or digest, for identity.
    var repository: String {
        let name = image.split(separator: "@", maxSplits: 1).first.map(String.init) ?? image
        guard let tag else { return name }
        return String(name.dropLast(tag.count + 1))
    }
}

/// Word splitting with quote and backslash removal, without shell operators (for `ENV`, `FROM`, …).
enum ShellWords {
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                inWord = true
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case "\\":
                escaped = true
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
