import CPCRE2

/// A PCRE2 pattern compiled once (JIT where the CPU allows) and shared by all scanning threads.
///
/// Matching works on raw bytes (no UTF mode), so invalid UTF-8 in a scanned file is just bytes.
// @unchecked: the compiled code (an OpaquePointer) is immutable after init; PCRE2 allows matching one compiled
// pattern from many threads, each with its own match data and JIT stack.
final class PCREPattern: @unchecked Sendable {
    let source: String
    let captureCount: Int
    fileprivate let code: OpaquePointer

    /// - Throws: ``ScannersError/invalidRegex`` naming the pattern, the offset and PCRE2's message.
    init(_ source: String, caseless: Bool = false, multiline: Bool = false, dotAll: Bool = false) throws(ScannersError) {
        self.source = source
        var options: UInt32 = 0
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        if multiline { options |= UInt32(PCRE2_MULTILINE) }
        if dotAll { options |= UInt32(PCRE2_DOTALL) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled = source.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) {
                pcre2_compile_8($0, source.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw .invalidRegex(pattern: source, offset: errorOffset, message: PCREPattern.message(for: errorCode))
        }
        code = compiled
        _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(code) }

    /// The first match in `subject[range]` starting at or after `from`, with every capture group's byte range.
    ///
    /// The subject is the whole range, so `^`, `$` and `\b` see its ends as the text's ends.
    func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from: Int, scratch: PCREScratch) -> PCREMatch? {
        guard let base = subject.baseAddress, from <= subject.count else { return nil }
        let status = pcre2_match_8(code, base, subject.count, from, 0, scratch.data, nil)
        guard status > 0 else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(scratch.data)!
        let unset = cpcre2_unset()
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for index in 0...captureCount {
            let start = ovector[2 * index], end = ovector[2 * index + 1]
            groups.append(index < Int(status) && start != unset && end >= start ? start..<end : nil)
        }
        return PCREMatch(groups: groups)
    }

    /// Every non-overlapping match in `subject`.
    func allMatches(in subject: UnsafeBufferPointer<UInt8>, scratch: PCREScratch) -> [PCREMatch] {
        var matches: [PCREMatch] = []
        var from = 0
        while from <= subject.count, let match = firstMatch(in: subject, from: from, scratch: scratch) {
            matches.append(match)
            let whole = match.whole
            from = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
        }
        return matches
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String, scratch: PCREScratch) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { firstMatch(in: $0, from: 0, scratch: scratch) != nil }
    }

    private static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "error \(errorCode)"
    }
}

/// One match: group 0 is the whole match; a group that did not take part is `nil`.
struct PCREMatch: Sendable {
    var groups: [Range<Int>?]
    var whole: Range<Int> { groups[0]! }
}

/// Per-thread match state. Never shared between threads.
final class PCREScratch {
    fileprivate let data: OpaquePointer

    /// Large enough for a pattern with `maxCaptures` groups.
    init(maxCaptures: Int = 64) {
        data = pcre2_match_data_create_8(UInt32(maxCaptures + 1), nil)
    }

    deinit { pcre2_match_data_free_8(data) }
}
