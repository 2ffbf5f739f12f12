import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// Inputs built to hurt a parser or a walk: YAML alias bombs, file names that are not text.
@Suite struct HostileInputTests {
    /// Eleven levels of nine aliases: under 1 KB, 9^11 nodes once expanded.
    static let aliasBomb: String = {
        var lines = ["lockfileVersion: '6.0'", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1...11 { lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        lines += ["packages:", "  /left-pad@1.3.0:", "    resolution: {integrity: sha512-x}", "    dependencies: *a11"]
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func aYAMLAliasBombIsRefusedAtOnceNamingTheFile() throws {
        let format = try #require(Catalogers.all.first { $0.id == "pnpm-lock" })
        let started = ContinuousClock.now
        #expect {
            try format.read(ManifestFile(path: "web/pnpm-lock.yaml", text: Self.aliasBomb))
        } throws: { error in
            "\(error)".hasPrefix("web/pnpm-lock.yaml: YAML aliases expand this document to more than") && "\(error)".contains("alias bomb")
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func aliasesWithinReasonAreStillRead() throws {
        let text = """
        lockfileVersion: '6.0'
        packages:
          /a@1.0.0:
            resolution: &r {integrity: sha512-x}
          /b@2.0.0:
            resolution: *r
        """
        let format = try #require(Catalogers.all.first { $0.id == "pnpm-lock" })
        let catalog = try format.read(ManifestFile(path: "pnpm-lock.yaml", text: text))
        #expect(catalog.components.map { "\($0.name)@\($0.version)" }.sorted() == ["a@1.0.0", "b@2.0.0"])
    }

    @Test func fileNamesThatAreNotTextAreShownPercentEncoded() {
        #expect(FileNameText.display(Array("src/app.py".utf8)) == ("src/app.py", true))
        #expect(FileNameText.display(Array("100%.txt".utf8)) == ("100%.txt", true))
        #expect(FileNameText.display(Array("café.env".utf8)) == ("café.env", true))
        #expect(FileNameText.display([0x61, 0xFF, 0xFE, 0x62]) == ("a%FF%FEb", false))
        #expect(FileNameText.display(Array("new\nline".utf8)) == ("new%0Aline", false))
        // In a name that is escaped anyway, `%` is too, so the shown name reads back to one set of bytes.
        #expect(FileNameText.display([0x25, 0x41, 0xC3]) == ("%25A%C3", false))
        #expect(FileNameText.display(Array("tab\there\u{7F}".utf8)) == ("tab%09here%7F", false))
    }

    @Test func filesUnderNamesThatAreNotTextAreWalkedAndRead() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.path + "/dir-\u{1}"
        #expect(mkdir(folder, 0o755) == 0)
        let name = Array((folder + "/key-").utf8) + [0xFF] + Array(".txt".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(descriptor >= 0)
        _ = "token = ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\n".withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        let tree = try TreeWalker(excludes: try PathPatternSet([]), maxFileSize: 1 << 20).walk(root: try TreeWalker.resolveRoot(directory.path))
        let file = try #require(tree.files.first)
        #expect(file.path == "dir-%01/key-%FF.txt")
        #expect(file.rawPath == Array("dir-\u{1}/key-".utf8) + [0xFF] + Array(".txt".utf8))
        #expect(tree.notes == ["2 names not valid UTF-8 or holding control characters, read and shown with those bytes as %XX: dir-%01, dir-%01/key-%FF.txt"])
        let reader = FileReader()  // owns the buffer the outcome points into
        guard case .text(let bytes) = reader.read(file, under: try TreeWalker.resolveRoot(directory.path)) else {
            Issue.record("the file was not read")
            return
        }
        #expect(withExtendedLifetime(reader) { String(decoding: bytes, as: UTF8.self) }.hasPrefix("token = ghp_"))
    }
}
