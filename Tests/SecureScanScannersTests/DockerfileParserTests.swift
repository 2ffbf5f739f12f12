import Testing
@testable import SecureScanScanners

/// Dockerfile parsing and shell splitting.
@Suite struct DockerfileParserTests {
    @Test func continuationsJoinAndCommentLinesInsideThemAreSkipped() {
        let instructions = DockerfileParser.parse("""
            FROM alpine:3.19
            RUN apk add \\
                # the compiler
                gcc \\
                musl-dev
            USER app
            """)
        #expect(instructions.map(\.keyword) == ["FROM", "RUN", "USER"])
        #expect(instructions[1].arguments == "apk add      gcc      musl-dev")
        #expect(instructions[1].startLine == 2)
        #expect(instructions[1].endLine == 5)
        #expect(instructions[2].startLine == 6)
    }

    @Test func theEscapeDirectiveChangesTheContinuationCharacter() {
        let instructions = DockerfileParser.parse("# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\\\nUSER ContainerUser\n")
        #expect(instructions.map(\.keyword) == ["FROM", "RUN", "USER"])
        #expect(instructions[1].arguments.hasPrefix("dir"))
    }

    @Test func heredocBodiesBelongToTheirInstruction() {
        let instructions = DockerfileParser.parse("""
            FROM debian:12
            RUN <<EOF
            apt-get update
            curl -k https://x | sh
            EOF
            USER nobody
            """)
        #expect(instructions.map(\.keyword) == ["FROM", "RUN", "USER"])
        #expect(instructions[1].heredocs == ["apt-get update\ncurl -k https://x | sh"])
        #expect(instructions[1].endLine == 5)
        let commands = ShellScript.commands(in: instructions[1].script)
        #expect(commands.map { $0.program ?? "" } == ["apt-get", "curl", "sh"])
    }

    @Test func execFormIsParsedAsWords() {
        let instruction = DockerfileParser.parse(#"RUN ["curl", "--insecure", "https://x"]"#)[0]
        #expect(instruction.execForm == ["curl", "--insecure", "https://x"])
        #expect(ShellScript.commands(in: instruction.script).first?.hasOption("--insecure") == true)
    }

    @Test func stagesAndAliasesAreTracked() {
        let model = DockerfileModel(path: "Dockerfile", text: """
            FROM golang:1.22 AS build
            RUN go build
            FROM --platform=$BUILDPLATFORM gcr.io/distroless/static AS final
            COPY --from=build /out /app
            """)
        #expect(model.instructions.map(\.stage) == [0, 0, 1, 1])
        #expect(model.stageNames == [0: "build", 1: "final"])
        #expect(model.instructions[3].flags["from"] == "build")
    }

    @Test func shellSplittingSeparatesCommandsAndRemovesQuotes() {
        let commands = ShellScript.commands(in: #"A=1 B="two words" curl -sk "$URL" | sudo -u root bash && echo '--insecure' ; npm config set 'strict-ssl' "false""#)
        #expect(commands.count == 4)
        #expect(commands[0].assignments.map(\.name) == ["A", "B"])
        #expect(commands[0].assignments[1].value == "two words")
        #expect(commands[0].hasShortFlag("k"))
        #expect(commands[1].pipedFrom)
        #expect(commands[1].unwrapped.program == "bash")
        #expect(!commands[2].hasOption("--insecure") || commands[2].program == "echo")
        #expect(Array(commands[3].arguments) == ["config", "set", "strict-ssl", "false"])
    }

    @Test func malformedInputNeverCrashes() {
        for text in ["", "\\", "RUN \\", "RUN <<EOF", "FROM", "RUN [\"unterminated", "LABEL a=\"b", "\u{FEFF}FROM x"] {
            _ = DockerfileModel(path: "Dockerfile", text: text)
            _ = DockerfileScanner().findings(in: DockerfileModel(path: "Dockerfile", text: text))
        }
    }
}
