import Foundation

/// Streams JSON in exactly ``StableJSON``'s layout (two-space indent, `"key" : value`, sorted keys,
/// unescaped slashes) straight into an ``ArtifactSink``.
///
/// Written by hand for the artifacts whose size follows the number of findings (findings.json, diff.json,
/// SARIF results): `JSONEncoder` builds the whole document as a tree of boxed values before writing a byte,
/// which at 100,000 findings took 0.8 s and several hundred MB per artifact; this writer needs neither
/// (see docs/benchmarks.md). Small, fixed-size parts still go through `JSONEncoder` via ``encodable(_:)``.
/// Callers write keys in sorted order; debug builds check it.
struct PrettyJSONWriter {
    let sink: ArtifactSink
    private var levels: [Level] = []
    /// Bytes not yet handed to the sink: appending to a buffer the writer owns avoids a call into the
    /// sink (a class, with its dynamic exclusivity checks) for every byte; it is flushed every 64 KiB.
    private var buffer: [UInt8] = []

    private struct Level {
        var isArray: Bool
        var empty = true
        #if DEBUG
        var lastKey: String?
        #endif
    }

    init(_ sink: ArtifactSink) {
        self.sink = sink
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    private static let flushSize = 1 << 16

    // MARK: - Structure

    mutating func beginObject() {
        valuePrefix()
        emit(UInt8(ascii: "{"))
        levels.append(Level(isArray: false))
    }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() {
        valuePrefix()
        emit(UInt8(ascii: "["))
        levels.append(Level(isArray: true))
    }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Ends the document with the newline ``StableJSON`` adds, and hands every byte to the sink.
    mutating func finishDocument() {
        emit(UInt8(ascii: "\n"))
        flush()
    }

    mutating func key(_ key: String) {
        #if DEBUG
        if let last = levels[levels.count - 1].lastKey { assert(last < key, "JSON keys out of order: \(last) before \(key)") }
        levels[levels.count - 1].lastKey = key
        #endif
        entryPrefix()
        writeString(key)
        emit(" : ")
    }

    // MARK: - Values

    mutating func string(_ value: String) {
        valuePrefix()
        writeString(value)
    }

    mutating func int(_ value: Int) {
        valuePrefix()
        emit(String(value))
    }

    /// A number as `JSONEncoder` writes it: integral values without a fraction.
    mutating func double(_ value: Double) {
        valuePrefix()
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        emit(text)
    }

    mutating func null() {
        valuePrefix()
        emit("null")
    }

    mutating func bool(_ value: Bool) {
        valuePrefix()
        emit(value ? "true" : "false")
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// A string map, keys sorted as `JSONEncoder` sorts them.
    mutating func stringMap(_ values: [String: String]) {
        beginObject()
        for key in values.keys.sorted() {
            entryPrefix()
            writeString(key)
            emit(" : ")
            writeString(values[key]!)
        }
        endObject()
    }

    /// A small value through `JSONEncoder`, re-indented to this position.
    mutating func encodable<T: Encodable>(_ value: T, format: String) throws(ReportsError) {
        let data: Data
        do {
            data = try StableJSON.encoder.encode(value)
        } catch {
            throw .encodingFailed(format: format, reason: String(describing: error))
        }
        valuePrefix()
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: levels.count * 2)
        data.withUnsafeBytes { bytes in
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
                emit(UnsafeRawBufferPointer(rebasing: bytes[start...index]))
                // An empty container's blank line stays blank, as JSONEncoder writes it.
                if index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n") { indent.withUnsafeBytes { emit($0) } }
                start = index + 1
            }
            emit(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        }
    }

    // MARK: - Keyed shorthands

    mutating func field(_ name: String, _ value: String) {
        key(name)
        writeString(value)
    }

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        emit(String(value))
    }

    mutating func field(_ name: String, _ value: Int?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func field(_ name: String, _ value: [String]) {
        key(name)
        strings(value)
    }

    // MARK: - Layout

    /// Before a value: the separator and indent when it is an array element.
    private mutating func valuePrefix() {
        guard let last = levels.last, last.isArray else { return }
        entryPrefix()
    }

    private mutating func entryPrefix() {
        let index = levels.count - 1
        if levels[index].empty {
            levels[index].empty = false
        } else {
            emit(UInt8(ascii: ","))
        }
        newline(indent: levels.count)
    }

    private mutating func close(_ bracket: UInt8) {
        let level = levels.removeLast()
        if level.empty { emit(UInt8(ascii: "\n")) }
        newline(indent: levels.count)
        emit(bracket)
    }

    private static let lineStart: [UInt8] = [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func newline(indent: Int) {
        if 2 * indent < Self.lineStart.count {
            buffer.append(contentsOf: Self.lineStart[0...(2 * indent)])
        } else {
            emit(UInt8(ascii: "\n"))
            for _ in 0..<indent { emit(UInt8(ascii: " ")); emit(UInt8(ascii: " ")) }
        }
        if buffer.count >= Self.flushSize { flush() }
    }

    private mutating func flush() {
        buffer.withUnsafeBytes { sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    @inline(__always) private mutating func emit(_ byte: UInt8) { buffer.append(byte) }

    private mutating func emit(_ text: String) { buffer.append(contentsOf: text.utf8) }

    private mutating func emit(_ bytes: UnsafeRawBufferPointer) { buffer.append(contentsOf: bytes) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A quoted string with `JSONEncoder`'s escapes: `"`, `\`, and control characters.
    private mutating func writeString(_ value: String) {
        emit(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < index { emit(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index]))) }
                start = index + 1
                emit(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): emit(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): emit(UInt8(ascii: "\\"))
                case 0x0A: emit(UInt8(ascii: "n"))
                case 0x0D: emit(UInt8(ascii: "r"))
                case 0x09: emit(UInt8(ascii: "t"))
                case 0x08: emit(UInt8(ascii: "b"))
                case 0x0C: emit(UInt8(ascii: "f"))
                default:
                    emit(UInt8(ascii: "u"))
                    emit(UInt8(ascii: "0"))
                    emit(UInt8(ascii: "0"))
                    emit(Self.hex[Int(byte >> 4)])
                    emit(Self.hex[Int(byte & 0x0F)])
                }
            }
            if start < bytes.count { emit(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...]))) }
        }
        emit(UInt8(ascii: "\""))
    }
}
