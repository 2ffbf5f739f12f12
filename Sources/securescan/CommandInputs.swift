import ArgumentParser
import Foundation
import SecureScanPipeline
import SecureScanCore
import SecureScanScanners
import SecureScanStore

/// Inputs several commands read the same way.
enum CommandInputs {
    /// With `SOURCE_DATE_EPOCH` set, the pipeline's clock is fixed there and run ids derive from the run's
    /// inputs, so the same inputs give byte-identical artifacts; a value that is not a number of seconds is
    /// a usage error, never silently ignored.
    static func applySourceDateEpoch(to pipeline: inout Pipeline) throws {
        guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return }
        guard let seconds = TimeInterval(epoch) else {
            Terminal.error("SOURCE_DATE_EPOCH must be a number of seconds, not '\(epoch)'")
            throw ExitCode(GateExit.usageError.rawValue)
        }
        pipeline.now = { Date(timeIntervalSince1970: seconds) }
        pipeline.derivesRunIDs = true
    }

    /// `a, b,,c` → `["a", "b", "c"]`.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `--history=RANGE` (an optional value, which the argument parser has no form for) as
    /// `--history-range RANGE`; a bare `--history` stays the flag. Arguments after `--` are left alone.
    static func rewritingHistoryRange(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var literal = false
        for argument in arguments {
            if literal || !argument.hasPrefix("--history=") {
                literal = literal || argument == "--"
                out.append(argument)
            } else {
                out += ["--history-range", String(argument.dropFirst("--history=".count))]
            }
        }
        return out
    }

    /// The internal networks webhooks may reach, from a config file's `webhooks.allow_networks` (none
    /// without one); a config that cannot be read is an error naming the file (exit 2).
    static func webhookNetworks(config: String?) throws -> [IPRange] {
        guard let config else { return [] }
        do {
            return try ConfigLoader(scanners: Scanners.all).load(file: config).config.webhookAllowedNetworks
        } catch {
            Terminal.error(error.description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }

    /// A server or worker that checks its store (and key) as it is made: a problem is said and exits 3
    /// for a store server that cannot be reached, 2 otherwise.
    static func starting<Runner>(_ make: () throws -> Runner) throws -> Runner {
        do {
            return try make()
        } catch let error as any CustomStringConvertible & Error {
            Terminal.error(error.description)
            if case .serverUnreachable = error as? StoreError { throw ExitCode(GateExit.scannerError.rawValue) }
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }
}
