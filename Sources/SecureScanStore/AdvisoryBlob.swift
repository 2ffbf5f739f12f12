import Foundation
import SecureScanCore

/// How the advisory store keeps one OSV record: a compact binary form (length-prefixed UTF-8 strings,
/// counted lists, presence flags), read about ten times faster than JSON, which matters when a scan
/// loads thousands of candidate advisories. Bodies without the magic prefix are JSON (databases written
/// before this format) and are still read.
enum AdvisoryBlob {
    /// "OSV" and the format version.
    static let magic: [UInt8] = [0x4F, 0x53, 0x56, 0x01]

    static func encode(_ record: OSVRecord) -> Data {
        var writer = Writer()
        writer.bytes.append(contentsOf: magic)
        writer.string(record.id)
        writer.string(record.modified)
        writer.optional(record.published)
        writer.optional(record.withdrawn)
        writer.strings(record.aliases)
        writer.optional(record.summary)
        writer.optional(record.details)
        writer.severities(record.severity)
        writer.count(record.affected.count)
        for affected in record.affected {
            if let package = affected.package {
                writer.flag(true)
                writer.string(package.ecosystem)
                writer.string(package.name)
                writer.optional(package.purl)
            } else {
                writer.flag(false)
            }
            writer.count(affected.ranges.count)
            for range in affected.ranges {
                writer.string(range.type)
                writer.optional(range.repo)
                writer.count(range.events.count)
                for event in range.events {
                    writer.optional(event.introduced)
                    writer.optional(event.fixed)
                    writer.optional(event.lastAffected)
                    writer.optional(event.limit)
                }
            }
            writer.strings(affected.versions)
            writer.severities(affected.severity)
        }
        writer.count(record.references.count)
        for reference in record.references {
            writer.optional(reference.type)
            writer.string(reference.url)
        }
        writer.optional(record.databaseSeverity)
        writer.strings(record.cweIDs)
        return Data(writer.bytes)
    }

    /// The record in `body`, binary or JSON; nil when it is neither.
    static func decode(_ body: Data) -> OSVRecord? {
        guard body.starts(with: magic) else { return try? JSONDecoder().decode(OSVRecord.self, from: body) }
        return body.withUnsafeBytes { raw -> OSVRecord? in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self), position: magic.count)
            return try? reader.record()
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func count(_ value: Int) {
            var value = UInt64(value)
            repeat {
                let low = UInt8(value & 0x7F)
                value >>= 7
                bytes.append(value == 0 ? low : low | 0x80)
            } while value != 0
        }

        mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func string(_ value: String) {
            let utf8 = value.utf8
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }

        mutating func optional(_ value: String?) {
            flag(value != nil)
            if let value { string(value) }
        }

        mutating func strings(_ values: [String]) {
            count(values.count)
            values.forEach { string($0) }
        }

        mutating func severities(_ values: [OSVRecord.Severity]) {
            count(values.count)
            for severity in values {
                string(severity.type)
                string(severity.score)
            }
        }
    }

    private struct Truncated: Error {}

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int

        mutating func count() throws -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < bytes.count, shift < 63 else { throw Truncated() }
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            guard value <= UInt64(bytes.count) else { throw Truncated() }
            return Int(value)
        }

        mutating func flag() throws -> Bool {
            guard position < bytes.count else { throw Truncated() }
            position += 1
            return bytes[position - 1] != 0
        }

        mutating func string() throws -> String {
            let length = try count()
            guard position + length <= bytes.count else { throw Truncated() }
            defer { position += length }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
        }

        mutating func optional() throws -> String? { try flag() ? try string() : nil }

        mutating func list<T>(_ item: (inout Reader) throws -> T) throws -> [T] {
            let count = try count()
            var items: [T] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try item(&self)) }
            return items
        }

        mutating func severities() throws -> [OSVRecord.Severity] {
            try list { OSVRecord.Severity(type: try $0.string(), score: try $0.string()) }
        }

        mutating func record() throws -> OSVRecord {
            let id = try string()
            let modified = try string()
            let published = try optional()
            let withdrawn = try optional()
            let aliases = try list { try $0.string() }
            let summary = try optional()
            let details = try optional()
            let severity = try severities()
            let affected = try list { reader -> OSVRecord.Affected in
                let package = try reader.flag()
                    ? OSVRecord.Package(ecosystem: try reader.string(), name: try reader.string(), purl: try reader.optional()) : nil
                let ranges = try reader.list { reader in
                    OSVRecord.Range(type: try reader.string(), repo: try reader.optional(), events: try reader.list { reader in
                        OSVRecord.Event(
                            introduced: try reader.optional(), fixed: try reader.optional(),
                            lastAffected: try reader.optional(), limit: try reader.optional())
                    })
                }
                return OSVRecord.Affected(package: package, ranges: ranges, versions: try reader.list { try $0.string() },
                                          severity: try reader.severities())
            }
            let references = try list { OSVRecord.Reference(type: try $0.optional(), url: try $0.string()) }
            let databaseSeverity = try optional()
            let cweIDs = try list { try $0.string() }
            guard position == bytes.count else { throw Truncated() }
            return OSVRecord(
                id: id, modified: modified, published: published, withdrawn: withdrawn, aliases: aliases,
                summary: summary, details: details, severity: severity, affected: affected, references: references,
                databaseSeverity: databaseSeverity, cweIDs: cweIDs)
        }
    }
}
