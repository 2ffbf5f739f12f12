import Crypto

/// SHA-256 of content that is not secret: config files, artifacts, templates.
public enum ContentDigest {
    public static func sha256(_ text: String) -> String { sha256(bytes: Array(text.utf8)) }

    public static func sha256(bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).hexString
    }
}
