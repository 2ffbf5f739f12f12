import Foundation
import Testing
import TestSupport
@testable import SecureScanScanners

/// The Dockerfile rules against checkov's own fixtures (`fixtures/iac/checkov/dockerfile`): every
/// check with a checkov equivalent must fail exactly the fixtures checkov fails and pass the rest.
@Suite struct DockerfileCorpusTests {
    static let root = Fixtures.url("iac/checkov/dockerfile")

    /// checkov class name → check id, from CHECK_IDS.tsv.
    static func checkIDs() throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent("CHECK_IDS.tsv"), encoding: .utf8)
        var ids: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("class") {
            let fields = line.split(separator: "\t")
            if fields.count >= 2 { ids[String(fields[0])] = String(fields[1]) }
        }
        return ids
    }

    /// Our rules that implement a checkov check.
    static func rules(for checkID: String) -> [DockerfileRule] {
        DockerfileRules.all.filter { $0.equivalents["checkov"] == checkID }
    }

    static func hits(_ rules: [DockerfileRule], in file: URL) throws -> [DockerfileHit] {
        let model = DockerfileModel(path: file.lastPathComponent, text: try String(contentsOf: file, encoding: .utf8))
        return rules.flatMap { $0.check(model) }
    }

    static func files(under directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath && $0.lastPathComponent != "expected.yaml" }
            .sorted { $0.path < $1.path }
    }

    @Test func everyCheckovCheckHasAnEquivalentRule() throws {
        let missing = try Self.checkIDs().values.filter { Self.rules(for: $0).isEmpty }
        #expect(missing.isEmpty, "checkov checks without an equivalent: \(missing.sorted())")
    }

    @Test func pythonCheckFixturesGetCheckovsVerdicts() throws {
        let ids = try Self.checkIDs()
        var verdicts = 0
        for example in try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("checks").path).sorted() {
            let className = String(example.dropFirst("example_".count))
            let rules = Self.rules(for: try #require(ids[className], "no id for \(className)"))
            let exampleURL = Self.root.appendingPathComponent("checks").appendingPathComponent(example)
            for verdictFolder in try FileManager.default.contentsOfDirectory(atPath: exampleURL.path).sorted() {
                let shouldFail = verdictFolder.hasPrefix("failure")
                for file in Self.files(under: exampleURL.appendingPathComponent(verdictFolder)) {
                    let flagged = !(try Self.hits(rules, in: file)).isEmpty
                    #expect(flagged == shouldFail, "\(example)/\(verdictFolder)/\(file.lastPathComponent): flagged \(flagged)")
                    verdicts += 1
                }
            }
        }
        #expect(verdicts >= 34)
    }

    @Test func graphCheckFixturesFlagExactlyTheFailingInstructions() throws {
        let ids = try Self.checkIDs()
        var compared = 0
        let graphRoot = Self.root.appendingPathComponent("graph_checks")
        for check in try FileManager.default.contentsOfDirectory(atPath: graphRoot.path).sorted() {
            let rules = Self.rules(for: try #require(ids[check], "no id for \(check)"))
            let checkURL = graphRoot.appendingPathComponent(check)
            var expectedFailures: [String: Int] = [:]
            var mentioned = Set<String>()
            var section = ""
            for line in try String(contentsOf: checkURL.appendingPathComponent("expected.yaml"), encoding: .utf8).split(separator: "\n") {
                if line.hasPrefix("pass:") || line.hasPrefix("fail:") || line.hasPrefix("evaluated_keys:") {
                    section = String(line.prefix(while: { $0 != ":" }))
                    continue
                }
                guard section == "pass" || section == "fail", let start = line.firstIndex(of: "'"),
                      let end = line.lastIndex(of: "'"), start < end else { continue }
                let resource = String(line[line.index(after: start)..<end])
                mentioned.insert(resource)
                if section == "fail" { expectedFailures[resource, default: 0] += 1 }
            }
            for resource in mentioned.sorted() {
                let dot = try #require(resource.lastIndex(of: "."))
                let path = String(resource[..<dot]), keyword = String(resource[resource.index(after: dot)...])
                let hits = try Self.hits(rules, in: checkURL.appendingPathComponent(path))
                let flagged = Set(hits.compactMap { $0.instruction }.filter { $0.keyword == keyword }.map(\.startLine)).count
                #expect(flagged == expectedFailures[resource, default: 0], "\(check) \(resource): flagged \(flagged)")
                compared += 1
            }
        }
        #expect(compared >= 40)
    }
}
