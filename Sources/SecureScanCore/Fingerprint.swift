import Crypto

/// A finding's stable identity: `fp1:` followed by the hex SHA-256 of length-prefixed fields.
///
/// The fields per kind are fixed by the product (see README, "Finding identity"): the target name is
/// always one of them, line numbers never are. The `fp1` prefix names the algorithm, so a future
/// recipe can live beside this one without silently changing every stored verdict.
public struct Fingerprint: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public static let scheme = "fp1"

    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The fingerprint of one finding. `occurrence` only matters for code findings.
    public static func compute(
        target: String, scanner: String, rule: String, path: String?, identity: FindingIdentity, occurrence: Int = 0
    ) -> Fingerprint {
        let path = path.map(Location.normalize(path:)) ?? ""
        var fields = [scheme, identity.kind, target]
        switch identity {
        case .code(let family, let text):
            fields += [family.isEmpty ? scanner : family, rule, path, CodeText.normalize(text), String(occurrence)]
        case .secret(let digest):
            fields += [rule, path, digest]
        case .historySecret(let digest):
            fields += [rule, digest]
        case .dependency(let ecosystem, let package, let manifestPath, let advisory):
            fields += [ecosystem.lowercased(), package, Location.normalize(path: manifestPath), advisory]
        case .iac(let resource):
            fields += [rule, path, resource]
        case .dast(let urlTemplate, let parameter):
            fields += [rule, urlTemplate, parameter]
        case .network(let host, let port, let transport):
            fields += [host.lowercased(), "\(port)/\(transport.lowercased())", rule]
        case .license(let package, let license):
            fields += [package, license]
        }
        return Fingerprint(rawValue: "\(scheme):" + digest(fields))
    }

    /// SHA-256 over each field as an 8-byte big-endian length followed by its UTF-8 bytes.
    static func digest(_ fields: [String]) -> String {
        var hasher = SHA256()
        for field in fields {
            let bytes = Array(field.utf8)
            var length = UInt64(bytes.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        return hasher.finalize().hexString
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal.
    /// Built as bytes: appending Characters one by one was a tenth of a 10,000-finding run's fingerprinting.
    public var hexString: String {
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
