import Foundation
import SecureScanCore

/// JSON lockfiles decoded into small `Decodable` mirrors, with errors that name the field.
enum LockfileJSON {
    static func decode<T: Decodable>(_ type: T.Type, from file: ManifestFile) throws(ScannersError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(file.text.utf8))
        } catch let error as DecodingError {
            throw file.invalid(describe(error))
        } catch {
            throw file.invalid("invalid JSON: \(error.localizedDescription)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "field \(path(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context): return "field \(path(context.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context): return "field \(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return context.codingPath.isEmpty ? "invalid JSON" + (underlying.map { ": \($0)" } ?? "")
                : "field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "invalid JSON"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        default: String(describing: type).hasPrefix("Dictionary") ? "an object" : String(describing: type).hasPrefix("Array") ? "an array" : "a \(type)"
        }
    }
}

/// Lockfile integrity strings (`sha512-<base64>`, SRI) as CycloneDX hash names and hex digests.
enum Integrity {
    static func hashes(_ integrity: String?) -> [String: String] {
        guard let integrity else { return [:] }
        var hashes: [String: String] = [:]
        for entry in integrity.split(separator: " ") {
            guard let dash = entry.firstIndex(of: "-") else { continue }
            let algorithm = entry[..<dash].lowercased()
            guard let data = Data(base64Encoded: String(entry[entry.index(after: dash)...])),
                  let name = ["sha1": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"][algorithm]
            else { continue }
            hashes[name] = Array(data).hexString
        }
        return hashes
    }
}

/// A field that lockfiles write either as one string or as a list of strings (Composer's `license`).
struct StringList: Decodable, Sendable {
    let values: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(String.self) {
            values = [single]
        } else {
            values = try container.decode([String].self)
        }
    }
}
