import Foundation
import SecureScanFuzz
import Testing
import TestSupport

/// Every input the fuzzers once broke a parser with (`fixtures/fuzz-regressions/<target>/`), replayed:
/// no crash, and no input takes longer than a second per megabyte (plus a second).
@Suite struct FuzzRegressionTests {
    static let regressions = Fixtures.url("fuzz-regressions")

    @Test(arguments: FuzzTargets.all.map(\.name))
    func regressionCasesPass(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        for file in FuzzCorpus.regressionCases(of: target, in: Self.regressions) {
            let bytes = Array(try Data(contentsOf: file))
            let started = ContinuousClock.now
            target.replay(bytes)
            let limit = Duration.seconds(1) + .seconds(Double(bytes.count) / 1_000_000) * max(1, target.choices)
            #expect(ContinuousClock.now - started < limit * 10, "\(file.lastPathComponent) (debug build: 10 × the fuzz limit)")
        }
    }

    @Test func everyRegressionFolderNamesATarget() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.regressions.path).filter { !$0.hasSuffix(".md") }
        for folder in folders { #expect(FuzzTargets.named(folder) != nil, "\(folder)") }
    }

    @Test func everyTargetHasSeeds() throws {
        let scratch = try Fixtures.makeTemporaryDirectory("fuzz-seeds")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for target in FuzzTargets.all {
            let count = try FuzzCorpus.writeSeeds(of: target, fixtures: Fixtures.url(""), into: scratch.appendingPathComponent(target.name))
            #expect(count >= 2, "\(target.name)")
        }
    }
}
