/// The `git` command, run by ``ToolRunner`` (no shell) with a stable, non-interactive environment: C
/// locale, no pager or prompt, no optional locks (reading a work tree's state never writes its index).
public enum GitCommand {
    /// The oldest git whose options are used (`--end-of-options`, 2.24).
    public static let minimumVersion = [2, 24]

    /// Runs git in `directory`; its standard output, or a ``ScannersError`` (``ScannersError/toolExited(tool:code:stderr:)``
    /// carries git's own message).
    public static func invoke(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: [UInt8]? = nil,
                              outputLimit: Int = 64 << 20, timeLimit: Double = 600) async throws(ScannersError) -> ToolRunner.Output {
        var variables = ["LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat"]
        variables.merge(environment) { $1 }
        return try await ToolRunner().run(ToolRunner.Invocation(
            executable: "git", arguments: arguments, workingDirectory: directory, environment: variables, timeLimit: timeLimit,
            outputLimit: outputLimit, input: input))
    }

    /// The installed git's version (`2.39.5`), nil when there is none.
    public static func version() async -> String? {
        guard let output = try? await invoke(["--version"], in: "/").stdoutText else { return nil }
        return output.split(separator: " ").dropFirst(2).first.map { String($0.filter { !$0.isWhitespace }) }
    }

    /// Whether `version` is at least ``minimumVersion``.
    public static func isRecent(_ version: String) -> Bool {
        let parts = version.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) ?? 0 }
        return parts.lexicographicallyPrecedes(minimumVersion) == false
    }

    /// git's own words from a failed command, without its `fatal: ` prefixes, on one line.
    public static func message(_ stderr: String) -> String {
        stderr.split(separator: "\n").map { $0.hasPrefix("fatal: ") ? $0.dropFirst(7) : $0 }.joined(separator: "; ")
    }
}
