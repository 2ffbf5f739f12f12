import Foundation
import Testing
@testable import SecureScanPipeline

/// Config files, batch files and OSV records in YAML refuse a document whose aliases expand without
/// bound, naming the file, instead of walking it for ever.
@Suite struct YAMLAliasBombTests {
    static func bomb(under key: String) -> String {
        var lines = ["x0: &x0 [a, a, a, a, a, a, a, a, a]"]
        for level in 1...11 { lines.append("x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        return lines.joined(separator: "\n") + "\n\(key): *x11\n"
    }

    @Test func aConfigFileIsRefused() {
        #expect {
            try ConfigLoader(knownScanners: ["secrets"]).parse(Self.bomb(under: "exclude"), file: "bomb.yml")
        } throws: { error in
            "\(error)".contains("bomb.yml") && "\(error)".contains("alias bomb")
        }
    }

    @Test func anOSVRecordIsRejectedWithItsName() {
        let text = Self.bomb(under: "aliases") + "id: GHSA-xxxx-xxxx-xxxx\n"
        guard case .failure(let rejection) = OSVImport.decode(Data(text.utf8), name: "advisories/GHSA-x.yaml") else {
            Issue.record("decoded")
            return
        }
        #expect(rejection.text.hasPrefix("advisories/GHSA-x.yaml: YAML aliases expand"))
    }
}
