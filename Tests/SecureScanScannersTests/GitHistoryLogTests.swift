import Testing
@testable import SecureScanScanners

/// The `git log --raw -z -m` reader: the oldest commit of each blob, regular files only.
@Suite struct GitHistoryLogTests {
    static func entry(_ mode: String, _ blob: String, _ status: String, _ path: String) -> String {
        ":000000 \(mode) \(String(repeating: "0", count: 40)) \(blob) \(status)\u{0}\(path)\u{0}"
    }

    static let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40), c = String(repeating: "c", count: 40)

    @Test func theOldestCommitOfEachBlobWins() throws {
        // Newest first, as git lists them; the merge (m) repeats blob a from its side branch.
        let text = "\u{1}m 300\u{0}\n" + Self.entry("100644", Self.a, "A", "moved/x.py")
            + "\u{1}n 200\u{0}\n" + Self.entry("100755", Self.b, "M", "run.sh") + Self.entry("120000", Self.c, "A", "link")
            + "\u{1}o 100\u{0}\n" + Self.entry("100644", Self.a, "A", "x.py") + Self.entry("160000", Self.c, "A", "sub")
            + ":100644 000000 \(Self.b) \(String(repeating: "0", count: 40)) D\u{0}gone.txt\u{0}"
            + "\u{1}e 50\u{0}\n"
        let log = try GitHistoryLog.parse(Array(text.utf8))
        #expect(log.commits.map(\.hash) == ["m", "n", "o", "e"])
        #expect(log.blobs.map { "\($0.blob.prefix(1)) \($0.path) \(log.commits[$0.commit].hash)" } == ["a x.py o", "b run.sh n"])
    }

    @Test func malformedOutputIsAnError() {
        #expect(throws: ScannersError.self) { try GitHistoryLog.parse(Array("\u{1}nohash\u{0}\n".utf8)) }
        #expect(throws: ScannersError.self) { try GitHistoryLog.parse(Array(Self.entry("100644", Self.a, "A", "x").utf8)) }
        #expect(throws: ScannersError.self) { try GitHistoryLog.parse(Array("\u{1}h 1\u{0}\n:100644 100644".utf8)) }
    }

    @Test func chunksStayUnderTheLimitAndALargeBlobIsAlone() {
        #expect(GitHistoryScanner.chunks(sizes: [4, 4, 4, 20, 1, 1], limit: 10) == [0..<2, 2..<3, 3..<4, 4..<6])
        #expect(GitHistoryScanner.chunks(sizes: [], limit: 10).isEmpty)
    }
}
