internal import CLibXML2

/// Parses XML with libxml2 into ``XMLTree`` values. The parser never touches the network, never loads
/// external DTDs or entities, and keeps libxml2's limits on entity expansion, so hostile files cost
/// nothing but an error.
public enum XMLReader {
    /// Parses `bytes` into its root element.
    public static func parse(_ bytes: [UInt8]) throws(MarkupError) -> XMLTree {
        XMLLibrary.initialize()
        guard let context = xmlNewParserCtxt() else { throw .malformed(line: nil, reason: "out of memory") }
        defer { xmlFreeParserCtxt(context) }
        // libxml2 reports every error; the first one is where the document went wrong, later ones are echoes.
        let first = FirstError()
        context.pointee._private = Unmanaged.passUnretained(first).toOpaque()
        context.pointee.sax.pointee.serror = FirstError.callback
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                xmlCtxtReadMemory(context, $0, Int32(clamping: buffer.count), nil, nil, options)
            }
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            throw first.error ?? XMLLibrary.failure(context.pointee.lastError)
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .malformed(line: nil, reason: "the document has no root element") }
        return tree(root)
    }

    private static func tree(_ node: xmlNodePtr) -> XMLTree {
        var element = XMLTree(
            name: XMLLibrary.string(node.pointee.name) ?? "",
            namespace: node.pointee.ns.flatMap { XMLLibrary.string($0.pointee.href) },
            line: Int(xmlGetLineNo(node)))
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = XMLLibrary.string(current.pointee.name), let raw = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                element.attributes[name] = String(cString: raw)
                securescan_xml_free(raw)
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: element.children.append(tree(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        return element
    }
}

/// Keeps the first error libxml2 raises while parsing one document.
// @unchecked: libxml2 calls back on the parsing thread only, and the box lives for one parse on that thread.
private final class FirstError: @unchecked Sendable {
    var error: MarkupError?

    static let callback: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let box = context.pointee._private else { return }
        let first = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
        if first.error == nil { first.error = XMLLibrary.failure(error.pointee) }
    }
}
