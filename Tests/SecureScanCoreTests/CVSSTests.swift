import Foundation
import Testing
import TestSupport
@testable import SecureScanCore

/// CVSS base scores against the `cvss` reference library (RedHat, PyPI) over many generated vectors,
/// and against published scores of well-known vulnerabilities.
@Suite struct CVSSTests {
    @Test func publishedScoresAreReproduced() {
        // Log4Shell (CVE-2021-44228), as GitHub and NVD publish it.
        #expect(CVSSScore(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")?.score == 10.0)
        #expect(CVSSScore(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")?.score == 9.8)
        #expect(CVSSScore(vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N")?.score == 3.1)
        #expect(CVSSScore(vector: "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")?.score == 7.8)
        // The v4.0 specification's examples.
        #expect(CVSSScore(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")?.score == 9.3)
        #expect(CVSSScore(vector: "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")?.score == 0.0)
        #expect(CVSSScore(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")?.severity == .critical)
    }

    @Test func incompleteOrMalformedVectorsAreNotScored() {
        #expect(CVSSScore(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H") == nil)
        #expect(CVSSScore(vector: "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == nil)
        #expect(CVSSScore(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N") == nil)
        #expect(CVSSScore(vector: "CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N") == nil)
        #expect(CVSSScore(vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P") == nil)
    }

    /// Deterministic pseudo-random vectors, so a failure is reproducible.
    static func vectors(count: Int) -> [String] {
        var state: UInt64 = 0x5EC5_CA11
        func pick(_ options: [String]) -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return options[Int((state >> 33) % UInt64(options.count))]
        }
        var vectors: [String] = []
        for index in 0..<count {
            if index % 2 == 0 {
                let version = index % 4 == 0 ? "3.1" : "3.0"
                vectors.append("CVSS:\(version)/AV:\(pick(["N", "A", "L", "P"]))/AC:\(pick(["L", "H"]))/PR:\(pick(["N", "L", "H"]))/UI:\(pick(["N", "R"]))/S:\(pick(["U", "C"]))/C:\(pick(["H", "L", "N"]))/I:\(pick(["H", "L", "N"]))/A:\(pick(["H", "L", "N"]))")
            } else {
                var vector = "CVSS:4.0/AV:\(pick(["N", "A", "L", "P"]))/AC:\(pick(["L", "H"]))/AT:\(pick(["N", "P"]))/PR:\(pick(["N", "L", "H"]))/UI:\(pick(["N", "P", "A"]))/VC:\(pick(["H", "L", "N"]))/VI:\(pick(["H", "L", "N"]))/VA:\(pick(["H", "L", "N"]))/SC:\(pick(["H", "L", "N"]))/SI:\(pick(["H", "L", "N"]))/SA:\(pick(["H", "L", "N"]))"
                if index % 3 == 0 { vector += "/E:\(pick(["A", "P", "U"]))" }
                if index % 5 == 0 { vector += "/CR:\(pick(["H", "M", "L"]))/IR:\(pick(["H", "M", "L"]))/AR:\(pick(["H", "M", "L"]))" }
                if index % 7 == 0 { vector += "/MAV:\(pick(["N", "A", "L", "P"]))/MSI:\(pick(["S", "H", "L", "N"]))/MSA:\(pick(["S", "H", "L", "N"]))" }
                vectors.append(vector)
            }
        }
        return vectors
    }

    @Test func scoresAgreeWithTheReferenceLibraryOnTwoThousandVectors() async throws {
        let vectors = Self.vectors(count: 2000)
        let script = """
            import json, sys
            from cvss import CVSS3, CVSS4
            out = []
            for v in json.load(sys.stdin if False else open(sys.argv[1])):
                out.append(float(CVSS4(v).base_score) if v.startswith("CVSS:4.0") else float(CVSS3(v).scores()[0]))
            print(json.dumps(out))
            """
        let directory = try Fixtures.makeTemporaryDirectory("cvss")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("vectors.json")
        try JSONEncoder().encode(vectors).write(to: file)
        let result = try await PythonTool.run(["-c", script, file.path])
        try #require(result.status == 0, "\(result.output)")
        let expected = try JSONDecoder().decode([Double].self, from: Data(result.output.utf8))
        var mismatches: [String] = []
        for (vector, score) in zip(vectors, expected) where CVSSScore(vector: vector)?.score != score {
            mismatches.append("\(vector): ours \(CVSSScore(vector: vector)?.score.description ?? "nil"), reference \(score)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(vectors.count):\n\(mismatches.prefix(10).joined(separator: "\n"))")
    }
}
