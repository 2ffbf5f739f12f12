/// One XML element as a plain value: local name, namespace, attributes, child elements and the text
/// directly inside it, with the line it starts on so errors can point at it.
public struct XMLTree: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    /// Attributes by local name.
    public var attributes: [String: String]
    public var children: [XMLTree]
    /// Text and CDATA directly inside this element, concatenated.
    public var text: String
    public var line: Int

    public init(name: String, namespace: String? = nil, attributes: [String: String] = [:], children: [XMLTree] = [], text: String = "", line: Int = 0) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The first child element with this local name.
    public func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// Every child element with this local name.
    public func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The element reached by following local names (`child("a")?.child("b")`…).
    public func path(_ names: String...) -> XMLTree? {
        var node: XMLTree? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// The text with surrounding whitespace removed.
    public var value: String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
