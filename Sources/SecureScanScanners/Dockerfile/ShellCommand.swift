/// One simple command of a shell script, after word splitting and quote removal.
///
/// `FOO=1 BAR=2 cmd a b | next` gives `cmd` with assignments `FOO`, `BAR` and arguments `a b`,
/// then `next` with ``pipedFrom`` set. Compound-command keywords (`if`, `then`, `do`, …) are dropped,
/// so the commands inside them are seen as plain commands.
struct ShellCommand: Sendable, Hashable {
    /// `NAME=value` words before the command name, and the arguments of `export`/`declare`.
    var assignments: [(name: String, value: String)]
    /// The command name and its arguments; empty for a pure assignment.
    var words: [String]
    /// True when this command reads the previous command's output through `|`.
    var pipedFrom: Bool
    /// The command as written (before quote removal), for evidence.
    var text: String

    var name: String? { words.first }
    var arguments: ArraySlice<String> { words.dropFirst() }

    static func == (lhs: ShellCommand, rhs: ShellCommand) -> Bool {
        lhs.words == rhs.words && lhs.pipedFrom == rhs.pipedFrom && lhs.text == rhs.text
            && lhs.assignments.map(\.name) == rhs.assignments.map(\.name)
            && lhs.assignments.map(\.value) == rhs.assignments.map(\.value)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words)
        hasher.combine(text)
    }

    /// The command name without a directory (`/usr/bin/curl` → `curl`).
    var program: String? {
        guard let name else { return nil }
        if let slash = name.lastIndex(of: "/") { return String(name[name.index(after: slash)...]) }
        return name
    }

    /// Whether any argument is `option` or starts with `option=`.
    func hasOption(_ option: String) -> Bool {
        arguments.contains { $0 == option || $0.hasPrefix(option + "=") }
    }

    /// Whether a short-option cluster (`-xkv`) contains `letter`.
    func hasShortFlag(_ letter: Character) -> Bool {
        arguments.contains { word in
            word.count >= 2 && word.hasPrefix("-") && !word.hasPrefix("--") && word.dropFirst().allSatisfy(\.isLetter)
                && word.dropFirst().contains(letter)
        }
    }

    /// The command with wrappers that run another command (`sudo`, `env`, `nice`, `time`, …) removed.
    var unwrapped: ShellCommand {
        var command = self
        while let program = command.program, ShellCommand.wrappers.contains(program) {
            var rest = Array(command.words.dropFirst())
            // Skip the wrapper's own options and, for env, its assignments.
            while let first = rest.first, first.hasPrefix("-") || (program == "env" && first.contains("=")) {
                rest.removeFirst()
                if program == "sudo", ["-u", "-g", "-C", "-h", "-p", "-U"].contains(first), !rest.isEmpty { rest.removeFirst() }
            }
            command.words = rest
        }
        return command
    }

    static let wrappers: Set<String> = ["sudo", "env", "nice", "nohup", "time", "doas", "exec", "command", "builtin"]
}
