import SecureScanCore

extension DockerfileRules {
    /// Dangerous shell patterns in build steps.
    static let hygiene: [DockerfileRule] = [
        DockerfileRule(
            id: "pipe-to-shell", title: "Downloaded script piped into a shell", severity: .high,
            description: "`curl … | sh` runs whatever the server returns, unverified, with the build's privileges.",
            remediation: "Download the script, verify its checksum or signature, then run it.",
            equivalents: [:], cwes: ["CWE-494"],
            check: { model in
                model.runs.flatMap { run -> [DockerfileHit] in
                    let commands = run.commands.map(\.unwrapped)
                    return commands.indices.compactMap { index in
                        guard index > 0, commands[index].pipedFrom,
                              DockerfileRules.isProgram(commands[index], ["sh", "bash", "zsh", "dash", "ash", "ksh", "python", "python3", "perl", "ruby", "node"]),
                              DockerfileRules.isProgram(commands[index - 1], ["curl", "wget"]) else { return nil }
                        let text = commands[index - 1].text + " | " + commands[index].text
                        return DockerfileHit(instruction: run.instruction,
                                             resource: "\(model.stageKey(run.instruction.stage))/RUN/\(CodeText.normalize(text))",
                                             evidence: text)
                    }
                }
            }),
        DockerfileRule(
            id: "world-writable", title: "World-writable permissions", severity: .medium,
            description: "`chmod 777` (or `o+w`) lets any process in the container modify the files, including code that runs later.",
            remediation: "Grant write access only to the user that needs it (`chown` plus `chmod 755`/`644`).",
            equivalents: ["securescan-py": "DL008"], cwes: ["CWE-732"],
            check: runCommand { command in
                isProgram(command, ["chmod"]) && command.arguments.contains { argument in
                    let mode = argument.lowercased()
                    if mode.allSatisfy(\.isNumber), mode.count >= 3, let last = mode.last, let digit = last.wholeNumberValue {
                        return digit & 2 != 0
                    }
                    // Symbolic modes, possibly comma-separated: `o+w`, `a+rwx`, `u+x,o+w`.
                    return mode.split(separator: ",").contains { clause in
                        guard let operatorIndex = clause.firstIndex(where: { $0 == "+" || $0 == "=" }) else { return false }
                        let who = clause[..<operatorIndex], permissions = clause[clause.index(after: operatorIndex)...]
                        return (who.contains("o") || who.contains("a")) && permissions.contains("w")
                    }
                }
            }),
    ]
}
