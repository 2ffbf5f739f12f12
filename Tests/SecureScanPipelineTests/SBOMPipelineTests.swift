import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports

/// `securescan sbom` over a tree of real lockfiles in every supported format: each SBOM format passes
/// its reference validators, and every lockfile contributes components.
@Suite struct SBOMPipelineTests {
    static let pipeline = Pipeline(now: { Date(timeIntervalSince1970: 1_790_000_000) })

    @Test(arguments: ["cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tv"])
    func anSBOMOfEveryLockfileFormatPassesItsValidators(format: String) async throws {
        let tree = try PolyglotTree.make()
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try await Self.pipeline.sbom(SBOMRequest(path: tree.path, format: format, targetName: "polyglot"))
        #expect(result.notes.isEmpty, "\(result.notes)")
        #expect(result.components > 200)
        let file = tree.appendingPathComponent("sbom.out")
        try result.data.write(to: file)
        let outcome = try await PythonTool.run([Fixtures.repositoryRoot.appendingPathComponent("scripts/validate-sbom.py").path, format, file.path])
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func everyLockfileInTheTreeContributesComponents() async throws {
        let tree = try PolyglotTree.make()
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try await Self.pipeline.sbom(SBOMRequest(path: tree.path, format: "cyclonedx-json", targetName: "polyglot"))
        let bom = try #require(try JSONSerialization.jsonObject(with: result.data) as? [String: Any])
        let locations = Set(((bom["components"] as? [[String: Any]]) ?? []).flatMap { component in
            (((component["evidence"] as? [String: Any])?["occurrences"] as? [[String: String]]) ?? []).compactMap { $0["location"] }
        })
        #expect(locations == Set(PolyglotTree.files.keys))
    }

    @Test func oneLockfileCanBeCatalogedAlone() async throws {
        let tree = try PolyglotTree.make()
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try await Self.pipeline.sbom(SBOMRequest(path: tree.appendingPathComponent("rs/Cargo.lock").path, format: "spdx-json"))
        let document = try #require(try JSONSerialization.jsonObject(with: result.data) as? [String: Any])
        #expect((document["packages"] as? [Any])?.count == result.components + 1)
        #expect(result.components > 0)
    }

    @Test func aFileNoFormatReadsIsAClearError() async throws {
        await #expect(throws: PipelineError.target("\(Fixtures.repositoryRoot.path)/README.md is not a lockfile or manifest SecureScan reads; pass its directory to catalog everything in it")) {
            _ = try await Self.pipeline.sbom(SBOMRequest(path: Fixtures.repositoryRoot.path + "/README.md", format: "spdx-json"))
        }
    }
}
