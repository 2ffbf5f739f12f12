import Foundation
import SecureScanCore
import SecureScanScanners
import SecureScanStore
import Yams
import ZIPFoundation

/// `securescan db update-osv`: OSV records from a directory (JSON, or the YAML some databases publish),
/// an `all.zip` export, or a URL serving either a zip or one record, imported into the advisory store in
/// one transaction. A record that cannot be read is reported with its file and field and left out; the
/// others are imported.
public enum OSVImport {
    /// What an import did.
    public struct Result: Sendable, Hashable {
        public var imported: Int
        public var added: Int
        /// `file: reason` for every record left out.
        public var rejected: [String]
        public var summary: AdvisoryDatabaseSummary
    }

    /// The largest single record accepted (the biggest real OSV records are a few hundred kilobytes).
    public static let maximumRecordBytes = 16 << 20

    public static func run(
        from source: String, database: String?, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(PipelineError) -> Result {
        let (local, downloaded) = try await Download.localCopy(of: source, progress: progress)
        defer { if let downloaded { try? FileManager.default.removeItem(at: downloaded) } }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory) else {
            throw .target("\(source) does not exist")
        }
        var records: [OSVRecord] = []
        var rejected: [String] = []
        if isDirectory.boolValue {
            try readDirectory(local, into: &records, rejected: &rejected, progress: progress)
        } else if try isZip(local) {
            try readZip(local, name: downloaded == nil ? local : source, into: &records, rejected: &rejected, progress: progress)
        } else {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: local))
            } catch {
                throw .target("cannot read \(source): \(error.localizedDescription)")
            }
            switch decode(data, name: downloaded == nil ? local : source) {
            case .success(let record): records.append(record)
            case .failure(let message): rejected.append(message.text)
            }
        }
        if records.isEmpty {
            throw .target("no OSV records could be read from \(source)" + (rejected.isEmpty ? "" : ": " + rejected.prefix(3).joined(separator: "; ")))
        }
        let file = VulnerabilityDatabaseLocation.file(in: database)
        do {
            let store = try AdvisoryStore.open(path: file, create: true)
            progress("importing \(records.count) records into \(file)…")
            let added = try store.importRecords(records)
            return Result(imported: records.count, added: added, rejected: rejected, summary: try store.summary())
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .vulnerabilityDatabase(file: file, reason: "\(error)")
        }
    }

    struct Rejection: Error { var text: String }

    /// Decodes one record (JSON, or YAML when `name` says so), checking what matching relies on.
    static func decode(_ data: Data, name: String) -> Swift.Result<OSVRecord, Rejection> {
        guard data.count <= maximumRecordBytes else {
            return .failure(Rejection(text: "\(name): \(data.count) bytes, over the \(maximumRecordBytes)-byte limit for one record"))
        }
        var json = data
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            do {
                guard let text = String(data: data, encoding: .utf8) else { return .failure(Rejection(text: "\(name): not UTF-8 text")) }
                guard let node = try Yams.compose(yaml: text) else { return .failure(Rejection(text: "\(name): empty YAML document")) }
                let limit = YAMLExpansion.limit(forBytes: data.count)
                if YAMLExpansion.exceeds(node, limit: limit) { return .failure(Rejection(text: "\(name): \(YAMLExpansion.message(limit: limit))")) }
                let value = try jsonValue(node)
                json = try JSONSerialization.data(withJSONObject: value as Any, options: [.fragmentsAllowed])
            } catch let rejection as Rejection {
                return .failure(Rejection(text: "\(name): \(rejection.text)"))
            } catch {
                return .failure(Rejection(text: "\(name): invalid YAML: \(String(describing: error).split(separator: "\n").first ?? "")"))
            }
        }
        do {
            let record = try JSONDecoder().decode(OSVRecord.self, from: json)
            if record.id.isEmpty { return .failure(Rejection(text: "\(name): field id is empty")) }
            for (index, entry) in record.affected.enumerated() {
                if let package = entry.package, package.ecosystem.isEmpty || package.name.isEmpty {
                    return .failure(Rejection(text: "\(name): field affected[\(index)].package needs an ecosystem and a name"))
                }
            }
            return .success(record)
        } catch let error as DecodingError {
            return .failure(Rejection(text: "\(name): \(describe(error))"))
        } catch {
            return .failure(Rejection(text: "\(name): invalid JSON"))
        }
    }

    /// A YAML node as the JSON value it stands for. Not Yams' own constructor: it stops the process on a
    /// mapping key that is not text (`? [a]: b`) and makes dates and binary values JSON cannot hold.
    static func jsonValue(_ node: Node, depth: Int = 0) throws(Rejection) -> Any {
        guard depth < 256 else { throw Rejection(text: "YAML nested more than 256 levels deep") }
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return scalar.string }
            switch Tag.Name(rawValue: scalar.tag.rawValue) {
            case Tag.Name.null: return NSNull()
            case Tag.Name.bool: return Bool.construct(from: scalar) ?? scalar.string
            case Tag.Name.int: return Int.construct(from: scalar) ?? scalar.string
            case Tag.Name.float: return Double.construct(from: scalar).flatMap { $0.isFinite ? $0 : nil } ?? scalar.string
            default: return scalar.string
            }
        case .sequence(let sequence):
            var items: [Any] = []
            for item in sequence { items.append(try jsonValue(item, depth: depth + 1)) }
            return items
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    throw Rejection(text: "line \((key.mark?.line ?? 0) + 1): a mapping key is not text")
                }
                object[name.string] = try jsonValue(value, depth: depth + 1)
            }
            return object
        case .alias:
            throw Rejection(text: "an unresolved YAML alias")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(_, let context): return "field \(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): return "field \(path(context.codingPath)) is null"
        case .keyNotFound(let key, let context): return "field \(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "invalid JSON" : "field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "invalid record"
        }
    }

    private static func isRecordFile(_ name: String) -> Bool {
        (name.hasSuffix(".json") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".")
    }

    private static func readDirectory(
        _ path: String, into records: inout [OSVRecord], rejected: inout [String], progress: @Sendable (String) -> Void
    ) throws(PipelineError) {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { throw .target("cannot read the directory \(path)") }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if isRecordFile((relative as NSString).lastPathComponent) { files.append(relative) }
        }
        for (index, relative) in files.sorted().enumerated() {
            if index % 5000 == 0, index > 0 { progress("read \(index) of \(files.count) files…") }
            let name = path + "/" + relative
            guard let data = FileManager.default.contents(atPath: name) else {
                rejected.append("\(name): cannot be read")
                continue
            }
            switch decode(data, name: name) {
            case .success(let record): records.append(record)
            case .failure(let rejection): rejected.append(rejection.text)
            }
        }
    }

    private static func isZip(_ path: String) throws(PipelineError) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .target("cannot read \(path)") }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    private static func readZip(
        _ path: String, name: String, into records: inout [OSVRecord], rejected: inout [String], progress: @Sendable (String) -> Void
    ) throws(PipelineError) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .target("\(name) is not a readable zip archive: \(error)")
        }
        var count = 0
        for entry in archive where entry.type == .file && isRecordFile((entry.path as NSString).lastPathComponent) {
            count += 1
            if count % 5000 == 0 { progress("read \(count) records from \(name)…") }
            let label = "\(name)!\(entry.path)"
            // The declared size is checked first, then enforced while inflating, so a zip bomb stops early.
            guard entry.uncompressedSize <= UInt64(maximumRecordBytes) else {
                rejected.append("\(label): \(entry.uncompressedSize) bytes, over the \(maximumRecordBytes)-byte limit for one record")
                continue
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > maximumRecordBytes { throw Rejection(text: "\(label): inflates past the \(maximumRecordBytes)-byte limit") }
                }
            } catch let rejection as Rejection {
                rejected.append(rejection.text)
                continue
            } catch {
                rejected.append("\(label): cannot be extracted (\(error))")
                continue
            }
            switch decode(data, name: label) {
            case .success(let record): records.append(record)
            case .failure(let rejection): rejected.append(rejection.text)
            }
        }
        if count == 0 { throw .target("\(name) holds no .json records") }
    }
}
