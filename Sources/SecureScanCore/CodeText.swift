/// Normalization of flagged source text before it becomes part of a code finding's identity.
public enum CodeText {
    /// Whitespace runs become one space and the ends are trimmed, so re-indenting or reflowing
    /// a statement keeps its identity while any change to its tokens does not.
    public static func normalize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }
}
