import Testing
import SecureScanXML

@Suite struct XMLReaderTests {
    @Test func elementsKeepTheirLinesAttributesAndText() throws {
        let root = try XMLReader.parse(Array("<a x=\"1\">\n  <b>hi <![CDATA[there]]></b>\n  <b/>\n</a>\n".utf8))
        #expect(root.name == "a")
        #expect(root.attributes == ["x": "1"])
        #expect(root.children("b").count == 2)
        #expect(root.child("b")?.value == "hi there")
        #expect(root.child("b")?.line == 2)
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <a>&secret;</a>
            """
        let root = try XMLReader.parse(Array(text.utf8))
        #expect(!root.text.contains("root:"))
    }

    @Test func entityExpansionBombsAreRefused() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n<!ENTITY e0 \"lollollollollollollollollollol\">\n"
        for level in 1...9 { text += "<!ENTITY e\(level) \"" + String(repeating: "&e\(level - 1);", count: 10) + "\">\n" }
        text += "]>\n<a>&e9;</a>\n"
        let result = Result { try XMLReader.parse(Array(text.utf8)) }
        switch result {
        case .success(let root): #expect(root.text.utf8.count < 1_000_000)
        case .failure: break
        }
    }

    @Test func theFirstErrorIsReportedWithItsLine() {
        #expect(throws: MarkupError.malformed(line: 3, reason: "Opening and ending tag mismatch: b line 2 and a")) {
            try XMLReader.parse(Array("<a>\n<b>\n</a>\n".utf8))
        }
    }
}
