#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where human and machine output go: machine output (`--json`) only ever to stdout; human output to
/// stdout on a terminal, else to stderr so a pipe receives nothing but machine output.
struct Terminal {
    /// True when stdout is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Human output destination for this invocation.
    let humanToStdout: Bool

    init(json: Bool) {
        humanToStdout = !json && Terminal.stdoutIsTerminal
    }

    func say(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        if humanToStdout {
            FileHandle.standardOutput.write(Data(line.utf8))
        } else {
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Machine output: stdout, uncontaminated.
    static func emit(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// An error message: always stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("securescan: error: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("securescan: warning: \(message)\n".utf8))
    }
}
