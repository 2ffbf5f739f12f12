import Foundation

/// Wall-clock time of each pipeline step on stderr, when `SECURESCAN_TRACE_STEPS=1`: how the benchmark
/// notes in `docs/benchmarks.md` ("where the time goes") are measured. Off by default; writes nothing else.
struct StepTrace: Sendable {
    static let enabled = ProcessInfo.processInfo.environment["SECURESCAN_TRACE_STEPS"] == "1"

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init() { start = clock.now }

    /// Runs `body` and, when tracing, prints its name and how long it took.
    func step<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        guard Self.enabled else { return try body() }
        let began = clock.now
        let value = try body()
        report(name, since: began)
        return value
    }

    func step<T, E: Error>(_ name: String, _ body: () async throws(E) -> T) async throws(E) -> T {
        guard Self.enabled else { return try await body() }
        let began = clock.now
        let value = try await body()
        report(name, since: began)
        return value
    }

    /// A line of `/proc/self/status` in MB (Linux; "?" elsewhere): `VmRSS` now, `VmHWM` the peak so far.
    private static func memory(_ field: String) -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return "?" }
        return String(kilobytes / 1024)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private func report(_ name: String, since began: ContinuousClock.Instant) {
        let now = clock.now
        let line = String(format: "step %-16@ %7.1f ms  (at %7.1f ms)  rss %@ MB, peak %@ MB\n", name as NSString,
                          Self.milliseconds(now - began), Self.milliseconds(now - start),
                          Self.memory("VmRSS") as NSString, Self.memory("VmHWM") as NSString)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
