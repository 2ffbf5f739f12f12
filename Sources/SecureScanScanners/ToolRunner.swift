#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// The only code that starts external processes.
///
/// No shell is involved: the executable is looked up on `PATH` and given its arguments as a list. Each
/// process runs in its own process group, with a time limit and an output limit; on timeout, on an
/// output overflow, or when the calling task is cancelled the whole group is killed, so a tool's children
/// do not outlive a run that was cut short.
public struct ToolRunner: Sendable {
    /// What to run.
    public struct Invocation: Sendable {
        public var executable: String
        public var arguments: [String]
        public var workingDirectory: String?
        /// Variables set or overridden on top of the inherited environment.
        public var environment: [String: String]
        /// Exit codes that mean "ran normally" (many scanners exit 1 when they find something).
        public var successCodes: Set<Int32>
        public var timeLimit: Double
        /// Bytes of stdout (and separately of stderr) kept at most.
        public var outputLimit: Int
        /// Address space the tool may use, in bytes (`setrlimit(RLIMIT_AS)` on the child, through util-linux's
        /// `prlimit`); nil for no limit. A tool that runs out is reported as over its memory limit.
        public var memoryLimit: Int?
        /// Bytes written to the tool's standard input, which is then closed; nil for no input (`/dev/null`).
        public var input: [UInt8]?

        public init(
            executable: String, arguments: [String] = [], workingDirectory: String? = nil, environment: [String: String] = [:],
            successCodes: Set<Int32> = [0], timeLimit: Double = 600, outputLimit: Int = 256 << 20, memoryLimit: Int? = nil,
            input: [UInt8]? = nil
        ) {
            self.memoryLimit = memoryLimit
            self.input = input
            self.executable = executable
            self.arguments = arguments
            self.workingDirectory = workingDirectory
            self.environment = environment
            self.successCodes = successCodes
            self.timeLimit = timeLimit
            self.outputLimit = outputLimit
        }
    }

    /// What a finished process left behind.
    public struct Output: Sendable {
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        public var exitCode: Int32

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    public init() {}

    /// The absolute path of `name` on `PATH` (or `name` itself when it contains a `/` and is executable).
    public static func locate(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs the invocation to completion.
    /// - Throws: ``ScannersError`` when the tool is missing, cannot start, exceeds its output limit, is killed
    ///   by a signal, runs out of time, exits with a code outside `successCodes`, or the task is cancelled.
    public func run(_ invocation: Invocation) async throws(ScannersError) -> Output {
        guard var path = ToolRunner.locate(invocation.executable) else { throw .toolNotFound(tool: invocation.executable) }
        let tool = invocation.executable
        var arguments = invocation.arguments
        if let limit = invocation.memoryLimit {
            // prlimit sets the limit in the child and execs the tool, so the limit binds the tool alone.
            guard let prlimit = ToolRunner.locate("prlimit") else { throw .toolNotFound(tool: "prlimit (util-linux), needed for memory limits") }
            arguments = ["--as=\(limit)", "--core=0", "--", path] + arguments
            path = prlimit
        }
        // The tool's process group, and whether it was to be killed before its id was known: a timeout
        // or a cancellation can come while the tool is still being spawned (a loaded machine), and the
        // group is then killed as soon as it is recorded instead of running to its natural end.
        let group = Mutex<(pid: pid_t?, killed: Bool)>((nil, false))
        let timedOut = Atomic<Bool>(false)
        var options = PlatformOptions()
        options.processGroupID = 0
        let environment = Environment.inherit.updating(
            Dictionary(uniqueKeysWithValues: invocation.environment.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) }))

        let killGroup: @Sendable () -> Void = {
            group.withLock { state in
                state.killed = true
                if let pid = state.pid { _ = kill(-pid, SIGKILL) }
            }
        }
        let recordGroup: @Sendable (pid_t) -> Void = { pid in
            group.withLock { state in
                state.pid = pid
                if state.killed { _ = kill(-pid, SIGKILL) }
            }
        }
        let timer = Task {
            try await Task.sleep(for: .milliseconds(Int64((invocation.timeLimit * 1000).rounded())))
            timedOut.store(true, ordering: .relaxed)
            killGroup()
        }
        defer { timer.cancel() }

        let result: ExecutionResult<Void, BytesOutput, BytesOutput>
        do {
            result = try await withTaskCancellationHandler {
                if let input = invocation.input {
                    return try await Subprocess.run(
                        .path(FilePath(path)), arguments: Arguments(arguments), environment: environment,
                        workingDirectory: invocation.workingDirectory.map { FilePath($0) }, platformOptions: options,
                        input: .array(input), output: .bytes(limit: invocation.outputLimit), error: .bytes(limit: invocation.outputLimit)
                    ) { execution in
                        recordGroup(execution.processIdentifier.value)
                    }
                }
                return try await Subprocess.run(
                    .path(FilePath(path)), arguments: Arguments(arguments), environment: environment,
                    workingDirectory: invocation.workingDirectory.map { FilePath($0) }, platformOptions: options,
                    input: .none, output: .bytes(limit: invocation.outputLimit), error: .bytes(limit: invocation.outputLimit)
                ) { execution in
                    recordGroup(execution.processIdentifier.value)
                }
            } onCancel: {
                killGroup()
            }
        } catch let error as SubprocessError {
            killGroup()
            if error.code == .outputLimitExceeded { throw .toolOutputTooLarge(tool: tool, limit: invocation.outputLimit) }
            throw .toolLaunchFailed(tool: tool, reason: error.description)
        } catch {
            killGroup()
            throw .toolLaunchFailed(tool: tool, reason: String(describing: error))
        }
        if Task.isCancelled { throw .cancelled }
        if timedOut.load(ordering: .relaxed) { throw .timedOut(seconds: invocation.timeLimit) }
        let output = Output(stdout: result.standardOutput, stderr: result.standardError, exitCode: 0)
        if let limit = invocation.memoryLimit, ToolRunner.ranOutOfMemory(result.terminationStatus, stderr: output.stderrText, successCodes: invocation.successCodes) {
            throw .memoryLimitExceeded(tool: tool, limit: limit)
        }
        switch result.terminationStatus {
        case .exited(let code):
            guard invocation.successCodes.contains(code) else {
                throw .toolExited(tool: tool, code: code, stderr: String(output.stderrText.suffix(2000)).trimmingWhitespace())
            }
            return Output(stdout: output.stdout, stderr: output.stderr, exitCode: code)
        case .signaled(let signal):
            throw .toolKilled(tool: tool, signal: signal)
        }
    }

    /// How a process that hit its address-space limit ends: killed by the signal a failed allocation
    /// leads to, or exiting with an allocator's message.
    static func ranOutOfMemory(_ status: TerminationStatus, stderr: String, successCodes: Set<Int32>) -> Bool {
        switch status {
        case .signaled(let signal):
            return [SIGSEGV, SIGABRT, SIGBUS, SIGKILL].contains(signal)
        case .exited(let code):
            guard !successCodes.contains(code) else { return false }
            let tail = stderr.suffix(4000).lowercased()
            return ["memoryerror", "cannot allocate memory", "out of memory", "bad_alloc", "failed to reserve", "fatal error: runtime: out of memory",
                    "javascript heap out of memory", "outofmemoryerror"].contains { tail.contains($0) }
        }
    }
}
