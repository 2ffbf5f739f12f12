import SecureScanCore

/// The built-in Dockerfile rule catalog.
///
/// Versioned like the secret rules: bump ``version`` when a rule's behaviour changes.
enum DockerfileRules {
    static let version = 1

    static let all: [DockerfileRule] = images + users + packageManagers + tlsVerification + environment + hygiene

    // MARK: - Building blocks

    /// Hits for every `RUN` command (sudo and env wrappers removed) that satisfies `matches`.
    static func runCommand(unwrap: Bool = true, _ matches: @escaping @Sendable (ShellCommand) -> Bool)
        -> @Sendable (DockerfileModel) -> [DockerfileHit]
    {
        { model in
            model.runs.flatMap { run in
                run.commands.filter { matches(unwrap ? $0.unwrapped : $0) }.map { command in
                    DockerfileHit(
                        instruction: run.instruction,
                        resource: "\(model.stageKey(run.instruction.stage))/RUN/\(CodeText.normalize(command.text))",
                        evidence: command.text)
                }
            }
        }
    }

    /// Hits for every `ENV`/`ARG` that sets one of `names` and every `RUN` that assigns or exports it,
    /// when `value` accepts the value (quote-removed).
    static func variable(_ names: Set<String>, _ value: @escaping @Sendable (String) -> Bool)
        -> @Sendable (DockerfileModel) -> [DockerfileHit]
    {
        { model in
            var hits: [DockerfileHit] = []
            for instruction in model.instructions where instruction.keyword == "ENV" || instruction.keyword == "ARG" {
                for pair in DockerfileModel.variables(of: instruction) where names.contains(pair.name) {
                    guard let assigned = pair.value, value(assigned) else { continue }
                    hits.append(DockerfileHit(
                        instruction: instruction,
                        resource: "\(model.stageKey(instruction.stage))/\(instruction.keyword)/\(pair.name)",
                        evidence: instruction.firstLine))
                    break
                }
            }
            for run in model.runs {
                for command in run.commands {
                    guard let pair = command.assignments.first(where: { names.contains($0.name) && value($0.value) }) else { continue }
                    hits.append(DockerfileHit(
                        instruction: run.instruction,
                        resource: "\(model.stageKey(run.instruction.stage))/RUN/\(pair.name)/\(CodeText.normalize(command.text))",
                        evidence: command.text))
                    break
                }
            }
            return hits
        }
    }

    /// The program names of the package managers a rule is about.
    static func isProgram(_ command: ShellCommand, _ names: Set<String>) -> Bool {
        guard let program = command.program else { return false }
        return names.contains(program)
    }

    /// Arguments that are not options: the subcommand and its operands.
    static func operands(_ command: ShellCommand) -> [String] {
        command.arguments.filter { !$0.hasPrefix("-") }
    }
}
