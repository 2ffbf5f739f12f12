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

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private func report(_ name: String, since began: ContinuousClock.Instant) {
        let now = clock.now
        let line = String(format: "step %-14@ %7.1f ms  (at %7.1f ms)\n", name as NSString,
                          Self.milliseconds(now - began), Self.milliseconds(now - start))
        FileHandle.standardError.write(Data(line.utf8))
    }
}
