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

    /// The shell script a `RUN` executes: its shell-form text plus heredoc bodies, or the exec form's words.
    var script: String {
        if let execForm { return execForm.map(ShellWord.quote).joined(separator: " ") }
        return ([arguments] + heredocs).joined(separator: "\n")
    }
}

/// Shell quoting for exec-form words re-read as a script.
enum ShellWord {
    static func quote(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { " \t\n'\"\\$`;&|<>()#".contains($0) }) else { return word }
        return "'" + word.replacingAll("'", with: "'\\''") + "'"
    }
}
