internal import CLibXML2

/// Process-wide libxml2 setup and conversions shared by the reader and the validator.
enum XMLLibrary {
    /// `xmlInitParser` must run once before threads use the library.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func failure(_ error: xmlError) -> MarkupError {
        let message = error.message.map { String(cString: $0) }?.trimmedTrailingNewlines ?? "not well-formed XML"
        return .malformed(line: error.line > 0 ? Int(error.line) : nil, reason: message)
    }
}

extension String {
    var trimmedTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == "\r" || text.last == " " { text.removeLast() }
        return text
    }
}
