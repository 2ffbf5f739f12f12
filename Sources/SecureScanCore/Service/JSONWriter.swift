/// Writes compact JSON straight into bytes, for the API's large lists (a thousand findings a response):
/// no intermediate ``JSONValue`` tree. Callers write an object's members in a fixed order (the API writes
/// them alphabetically, as ``JSONValue/compactJSON`` does), so the bytes are stable.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Per open object or array: whether the next member needs a comma before it.
    private var separated: [Bool] = []

    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Set between a key and its value, so the value writes no comma.
    private var afterKey = false

    /// Before any value: a comma when the enclosing array already has an element.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if let last = separated.last {
            if last { bytes.append(UInt8(ascii: ",")) } else { separated[separated.count - 1] = true }
        }
    }

    public mutating func beginObject() {
        startValue()
        bytes.append(UInt8(ascii: "{"))
        separated.append(false)
    }

    /// Continues an object whose opening and first members were written elsewhere: the next key gets a
    /// comma, and ``endObject()`` closes it.
    public mutating func resumeObject() {
        separated.append(true)
    }

    /// A complete value already serialized (a cached object), with the separator it needs.
    public mutating func raw(_ value: [UInt8]) {
        startValue()
        bytes += value
    }

    /// Bytes appended as they are: the rest of a value that ``raw(_:)`` began.
    public mutating func continuation(_ value: [UInt8]) {
        bytes += value
    }

    public mutating func endObject() {
        separated.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        startValue()
        bytes.append(UInt8(ascii: "["))
        separated.append(false)
    }

    public mutating func endArray() {
        separated.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's name (a literal: written as is, so it must need no escaping); its value follows.
    public mutating func key(_ name: StaticString) {
        if separated[separated.count - 1] { bytes.append(UInt8(ascii: ",")) } else { separated[separated.count - 1] = true }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes += [UInt8(ascii: "\""), UInt8(ascii: ":")]
        afterKey = true
    }

    public mutating func string(_ value: String?) {
        startValue()
        if let value { JSONValue.quote(value, into: &bytes) } else { bytes += [0x6E, 0x75, 0x6C, 0x6C] }
    }

    public mutating func integer(_ value: Int?) {
        startValue()
        if let value { bytes += String(value).utf8 } else { bytes += [0x6E, 0x75, 0x6C, 0x6C] }
    }

    /// A number as ``JSONValue/compactJSON`` writes a double (integral values without a fraction).
    public mutating func number(_ value: Double) {
        startValue()
        bytes += JSONValue.double(value).compactJSONBytes
    }

    public mutating func bool(_ value: Bool) {
        startValue()
        bytes += value ? Array("true".utf8) : Array("false".utf8)
    }

    public mutating func null() {
        startValue()
        bytes += [0x6E, 0x75, 0x6C, 0x6C]
    }

    /// Any value, serialized as ``JSONValue/compactJSON`` does.
    public mutating func value(_ value: JSONValue) {
        startValue()
        bytes += value.compactJSONBytes
    }

    public mutating func strings(_ values: [String]) {
        startValue()
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.quote(value, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A map of strings, keys sorted.
    public mutating func stringMap(_ values: [String: String]) {
        startValue()
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in values.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.quote(key, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONValue.quote(values[key]!, into: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
