import SecureScanCore

/// One instruction of a Dockerfile, with continuation lines joined and heredocs attached.
struct DockerInstruction: Sendable, Hashable {
    /// Upper-cased: `RUN`, `FROM`, …
    var keyword: String
    /// `--name=value` options before the arguments (`--platform`, `--from`, `--chown`, `--mount`, …).
    var flags: [String: String]
    /// The arguments after the flags, continuation lines joined with a space.
    var arguments: String
    /// The JSON array of the exec form (`RUN ["a", "b"]`), when used.
    var execForm: [String]?
    /// Bodies of `<<EOF` heredocs, in order.
    var heredocs: [String]
    /// 1-based lines of the first and last physical line.
    var startLine: Int
    var endLine: Int
    /// The build stage the instruction belongs to (0 before and at the first `FROM`).
    var stage: Int
    /// The instruction as written, first physical line only, for evidence.
    var firstLine: String

    /// The shell script a `RUN` executes: the exec form's words, or the shell-form text without heredoc
    /// markers, plus the heredoc bodies when they are the script (`RUN <<EOF`, `RUN bash <<EOF`) rather
    /// than data fed to a command (`RUN cat <<EOF > file`).
    var script: String {
        if let execForm { return execForm.map(ShellWord.quote).joined(separator: " ") }
        guard !heredocs.isEmpty else { return arguments }
        let command = arguments.replacingHeredocMarkers()
        let words = ShellWords.split(command)
        let bodiesAreScript = words.isEmpty || (words.count == 1 && ["sh", "bash", "/bin/sh", "/bin/bash", "ash", "dash", "zsh"].contains(words[0]))
        return ([words.isEmpty || bodiesAreScript ? "" : command] + (bodiesAreScript ? heredocs : [])).joined(separator: "\n")
    }
}

/// Shell quoting for exec-form words re-read as a script.
enum ShellWord {
    static func quote(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { " \t\n'\"\\$`;&|<>()#".contains($0) }) else { return word }
        return "'" + word.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    /// The text with `<<EOF`, `<<-EOF`, `<<"EOF"` and `<<'EOF'` markers removed.
    func replacingHeredocMarkers() -> String {
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: "<<") {
            out += rest[..<range.lowerBound]
            var after = rest[range.upperBound...]
            if after.hasPrefix("-") { after = after.dropFirst() }
            if let quote = after.first, quote == "\"" || quote == "'" {
                after = after.dropFirst()
                after = after.drop(while: { $0 != quote }).dropFirst()
            } else {
                after = after.drop(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
            }
            rest = after
        }
        return out + rest
    }
}
