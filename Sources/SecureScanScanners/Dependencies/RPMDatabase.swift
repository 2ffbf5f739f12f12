import Foundation
import GRDB
import SecureScanCore

/// The RPM database of a root filesystem (Red Hat, Rocky Linux, AlmaLinux, Fedora, SUSE since rpm 4.16:
/// `var/lib/rpm/rpmdb.sqlite`, or `usr/lib/sysimage/rpm/rpmdb.sqlite`): each row of its `Packages` table
/// is a package's header, read for name, epoch, version, release, architecture, license and source rpm.
/// Opened read-only; a file that is not such a database is a named note.
enum RPMDatabase {
    static let format = LockfileFormat(
        id: "rpmdb-sqlite",
        matches: { name, path in name == "rpmdb.sqlite" && (path.hasSuffix("var/lib/rpm/rpmdb.sqlite") || path.hasSuffix("usr/lib/sysimage/rpm/rpmdb.sqlite")) },
        readPath: { absolute, file throws(ScannersError) in try read(absolute: absolute, file: file) })

    /// The header tags read.
    enum Tag: Int32 {
        case name = 1000, version = 1001, release = 1002, epoch = 1003, license = 1014, arch = 1022, sourceRPM = 1044
    }

    static func read(absolute: String, file: ManifestFile) throws(ScannersError) -> Catalog {
        let depth = file.path.hasSuffix("usr/lib/sysimage/rpm/rpmdb.sqlite") ? 4 : 3
        let (release, note) = DistroPackages.release(of: file, databaseDepth: depth, default: "rhel")
        var catalog = Catalog(components: [])
        if let note { catalog.skipped.append(note) }
        let blobs: [(Int64, Data)]
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: absolute, configuration: configuration)
            blobs = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT hnum, blob FROM Packages ORDER BY hnum").map { ($0["hnum"], $0["blob"]) }
            }
        } catch {
            throw file.invalid("not an rpm sqlite database (\(error))")
        }
        for (number, blob) in blobs {
            guard let header = Header(Array(blob)) else {
                catalog.skipped.append("package \(number): its header cannot be read")
                continue
            }
            guard let name = header.string(.name), let version = header.string(.version) else {
                catalog.skipped.append("package \(number): no name or version")
                continue
            }
            let releaseText = header.string(.release)
            let epoch = header.integer(.epoch)
            let evr = (epoch.map { $0 > 0 ? "\($0):" : "" } ?? "") + version + (releaseText.map { "-" + $0 } ?? "")
            var qualifiers = ["distro": release.distro]
            if let arch = header.string(.arch) { qualifiers["arch"] = arch }
            if let epoch, epoch > 0 { qualifiers["epoch"] = String(epoch) }
            if let source = header.string(.sourceRPM) { qualifiers["upstream"] = source }
            let versionPart = version + (releaseText.map { "-" + $0 } ?? "")
            catalog.components.append(Component(
                name: name, version: evr,
                purl: PackageURL.make(type: "rpm", namespace: release.id, name: name, version: versionPart, qualifiers: qualifiers),
                ecosystem: release.ecosystem, licenses: header.string(.license).map { [$0] } ?? [], manifestPath: file.path))
        }
        return catalog
    }

    /// An rpm header as stored: entry count and data size (big-endian), 16-byte index entries (tag, type,
    /// offset, count), then the data.
    struct Header {
        let bytes: [UInt8]
        let entries: [Int32: (type: Int32, offset: Int, count: Int)]
        let dataStart: Int

        init?(_ bytes: [UInt8]) {
            guard bytes.count >= 8 else { return nil }
            let count = Int(Self.int32(bytes, 0)), size = Int(Self.int32(bytes, 4))
            guard count > 0, count < 100_000, size >= 0, 8 + count * 16 + size <= bytes.count else { return nil }
            var entries: [Int32: (Int32, Int, Int)] = [:]
            for index in 0..<count {
                let base = 8 + index * 16
                let tag = Self.int32(bytes, base), type = Self.int32(bytes, base + 4)
                let offset = Int(Self.int32(bytes, base + 8)), entryCount = Int(Self.int32(bytes, base + 12))
                guard offset >= 0, offset < max(size, 1) else { continue }
                if entries[tag] == nil { entries[tag] = (type, offset, entryCount) }
            }
            self.bytes = bytes
            self.entries = entries
            dataStart = 8 + count * 16
        }

        /// A STRING (6) or the first of an I18NSTRING (9) or STRING_ARRAY (8).
        func string(_ tag: Tag) -> String? {
            guard let entry = entries[tag.rawValue], [6, 8, 9].contains(entry.type) else { return nil }
            let start = dataStart + entry.offset
            guard start < bytes.count, let end = bytes[start...].firstIndex(of: 0) else { return nil }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            return text.isEmpty ? nil : text
        }

        /// The first INT32 (4).
        func integer(_ tag: Tag) -> Int? {
            guard let entry = entries[tag.rawValue], entry.type == 4 else { return nil }
            let start = dataStart + entry.offset
            guard start + 4 <= bytes.count else { return nil }
            return Int(Self.int32(bytes, start))
        }

        static func int32(_ bytes: [UInt8], _ at: Int) -> Int32 {
            Int32(bitPattern: UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3]))
        }
    }
}
