import Yams

/// How far a YAML document's aliases expand it.
///
/// Yams resolves an alias to a copy of its anchored node, so a 1 KB document of nested aliases (eleven
/// levels of nine, the "billion laughs" of YAML) composes instantly into a tree of billions of nodes that
/// any walk over it never finishes. Every reader of untrusted YAML counts the expanded tree first, and
/// stops counting at the limit.
public enum YAMLExpansion {
    /// The most nodes a document of `byteCount` bytes may expand to: far more than any document without
    /// aliases has (each node takes at least a byte or two of text), far less than a bomb reaches.
    public static func limit(forBytes byteCount: Int) -> Int { 1_000_000 + 4 * byteCount }

    /// Whether `node`, with its aliases expanded, has more than `limit` nodes (counting stops there).
    public static func exceeds(_ node: Node, limit: Int) -> Bool {
        var remaining = limit
        return !count(node, remaining: &remaining)
    }

    /// The message for a document over its limit.
    public static func message(limit: Int) -> String {
        "YAML aliases expand this document to more than \(limit) nodes (an alias bomb?); not read"
    }

    /// Decrements `remaining` per node; false as soon as it runs out.
    private static func count(_ node: Node, remaining: inout Int) -> Bool {
        remaining -= 1
        guard remaining >= 0 else { return false }
        switch node {
        case .scalar, .alias:
            return true
        case .sequence(let sequence):
            for item in sequence where !count(item, remaining: &remaining) { return false }
            return true
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard count(key, remaining: &remaining), count(value, remaining: &remaining) else { return false }
            }
            return true
        }
    }
}
