import CHyperscan

/// Finds every occurrence of a set of literals, case-insensitively, in one pass over a buffer.
///
/// This is the secrets scanner's keyword prefilter: Hyperscan's literal mode runs at memory speed, so
/// the regex engine only ever sees lines that contain a rule's keyword.
// @unchecked: the compiled database is read-only after init and Hyperscan allows scanning it from many
// threads at once; each scan clones its own scratch from `prototype`, which is never scanned with.
final class LiteralMatcher: @unchecked Sendable {
    let literals: [String]
    private let database: OpaquePointer
    private let prototype: OpaquePointer

    init(literals: [String]) throws(ScannersError) {
        self.literals = literals
        var database: OpaquePointer? = nil
        var compileError: UnsafeMutablePointer<hs_compile_error_t>? = nil
        let bytes = literals.map { Array($0.utf8) }
        let status: hs_error_t = withPointers(bytes) { pointers in
            let flags = [UInt32](repeating: UInt32(HS_FLAG_CASELESS), count: bytes.count)
            let ids = (0..<UInt32(bytes.count)).map { $0 }
            let lengths = bytes.map(\.count)
            return hs_compile_lit_multi(
                pointers, flags, ids, lengths, UInt32(bytes.count), UInt32(HS_MODE_BLOCK), nil, &database, &compileError)
        }
        guard status == HS_SUCCESS, let database else {
            let message = compileError.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "status \(status)"
            if let compileError { hs_free_compile_error(compileError) }
            throw .engineUnavailable(engine: "Hyperscan", message: message)
        }
        var scratch: OpaquePointer? = nil
        guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS, let scratch else {
            hs_free_database(database)
            throw .engineUnavailable(engine: "Hyperscan", message: "cannot allocate scratch space")
        }
        self.database = database
        self.prototype = scratch
    }

    deinit {
        hs_free_scratch(prototype)
        hs_free_database(database)
    }

    /// Per-thread scratch space, cloned from the prototype.
    func makeScratch() -> LiteralScratch { LiteralScratch(cloning: prototype) }

    /// Calls back with every (literal index, end offset) in `buffer`, in increasing end offset.
    func scan(_ buffer: UnsafeBufferPointer<UInt8>, scratch: LiteralScratch, into hits: inout [LiteralHit]) {
        hits.removeAll(keepingCapacity: true)
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let box = HitBox()
        swap(&box.hits, &hits)
        let context = Unmanaged.passUnretained(box).toOpaque()
        var offset = 0
        // hs_scan takes a 32-bit length: a buffer over 2 GiB (only with a raised max_file_size) is scanned
        // in consecutive windows, and a keyword straddling two windows is missed.
        let window = Int(UInt32.max / 2)
        while offset < buffer.count {
            let length = min(buffer.count - offset, window)
            box.base = offset
            _ = base.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: length) {
                hs_scan(database, $0, UInt32(length), 0, scratch.space, onLiteral, context)
            }
            offset += length
        }
        swap(&box.hits, &hits)
    }
}

/// One keyword occurrence: which literal, and the offset just past it.
struct LiteralHit: Sendable, Hashable {
    var literal: Int
    var end: Int
}

/// Hyperscan scratch space for one thread.
final class LiteralScratch {
    fileprivate let space: OpaquePointer

    fileprivate init(cloning prototype: OpaquePointer) {
        var clone: OpaquePointer? = nil
        precondition(hs_clone_scratch(prototype, &clone) == HS_SUCCESS, "Hyperscan could not clone scratch space")
        space = clone!
    }

    deinit { hs_free_scratch(space) }
}

private final class HitBox {
    var hits: [LiteralHit] = []
    var base = 0
}

private let onLiteral: match_event_handler = { id, _, to, _, context in
    let box = Unmanaged<HitBox>.fromOpaque(context!).takeUnretainedValue()
    box.hits.append(LiteralHit(literal: Int(id), end: box.base + Int(to)))
    return 0
}

/// Calls `body` with C string pointers to each byte array, kept alive for the call.
private func withPointers<R>(_ arrays: [[UInt8]], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var storage: [UnsafeMutablePointer<CChar>] = []
    for array in arrays {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: array.count + 1)
        for (index, byte) in array.enumerated() { pointer[index] = CChar(bitPattern: byte) }
        pointer[array.count] = 0
        storage.append(pointer)
    }
    defer { storage.forEach { $0.deallocate() } }
    return body(storage.map { UnsafePointer($0) })
}
