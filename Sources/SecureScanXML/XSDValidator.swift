internal import CLibXML2

/// Validates XML documents against an XML Schema (XSD) with libxml2. Imports whose `schemaLocation` is a
/// URL can be pointed at local files, so validation works offline.
public struct XSDValidator: Sendable {
    /// The schema's text, with imports already redirected.
    let schemaText: [UInt8]
    let path: String

    /// Loads the schema at `path`; `localImports` maps an import's `schemaLocation` to a local file path.
    public init(schemaText: String, path: String, localImports: [String: String] = [:]) {
        var text = schemaText
        for (location, local) in localImports {
            text = text.replacingEvery("schemaLocation=\"\(location)\"", with: "schemaLocation=\"\(local)\"")
        }
        self.schemaText = Array(text.utf8)
        self.path = path
    }

    /// Every validation error in `document` (empty when it is valid), each with its line.
    public func validate(_ document: [UInt8]) throws(MarkupError) -> [MarkupError] {
        XMLLibrary.initialize()
        let collector = ErrorCollector()
        let schema: xmlSchemaPtr? = schemaText.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                guard let parser = xmlSchemaNewMemParserCtxt(pointer, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                xmlSchemaSetParserStructuredErrors(parser, ErrorCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
                return xmlSchemaParse(parser)
            }
        }
        guard let schema else {
            throw .schema(path: path, reason: collector.errors.first?.description ?? "could not be compiled")
        }
        defer { xmlSchemaFree(schema) }
        collector.errors.removeAll()
        guard let context = xmlSchemaNewValidCtxt(schema) else { throw .schema(path: path, reason: "out of memory") }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, ErrorCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
        let parserOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = document.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                xmlReadMemory($0, Int32(clamping: buffer.count), nil, nil, parserOptions)
            }
        }
        guard let parsed else { throw .malformed(line: nil, reason: "not well-formed XML") }
        defer { xmlFreeDoc(parsed) }
        let result = xmlSchemaValidateDoc(context, parsed)
        if result != 0, collector.errors.isEmpty { collector.errors.append(.malformed(line: nil, reason: "invalid (libxml2 code \(result))")) }
        return collector.errors
    }
}

/// Receives libxml2's structured errors during one validation.
// @unchecked: libxml2 calls back on the validating thread only, and the box lives for one validation there.
private final class ErrorCollector: @unchecked Sendable {
    var errors: [MarkupError] = []

    static let callback: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
        collector.errors.append(XMLLibrary.failure(error.pointee))
    }
}

extension String {
    func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
