#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SecureScanCore
import SecureScanScanners

/// Marks findings silenced by a directive in a comment of the scanned code (``InlineDirective``): kept,
/// with an `inline` suppression naming the comment's file, line and reason.
///
/// Only files that hold findings are read, and only those that contain a directive's marker are parsed.
/// A `securescan:ignore` that names a rule in a built-in namespace no rule has (a typo, which would
/// silently suppress nothing) stops the run with the file and line.
struct InlineSuppressor: Sendable {
    /// The tree the findings' paths are relative to.
    let root: String
    /// Scanners whose findings are secrets (what `gitleaks:allow` and detect-secrets' pragma cover).
    let secretScanners: Set<String>
    /// Files larger than this are not read (the scanners did not read them either).
    var maxFileSize = 64 << 20

    init(root: String, scanners: [any ScannerAdapter] = Scanners.all) {
        self.root = root
        self.secretScanners = Set(scanners.filter { $0.fingerprintKinds.contains("secret") }.map(\.id))
    }

    func apply(to findings: consuming [Finding]) throws(PipelineError) -> [Finding] {
        var findings = findings
        var byPath: [String: [Int]] = [:]
        // A finding in git history is about a file as it was in a commit, not as it is in the tree.
        for index in findings.indices where findings[index].suppression == nil && findings[index].scanner != GitHistoryScanner.scannerID {
            guard let path = findings[index].location?.path else { continue }
            byPath[path, default: []].append(index)
        }
        // Each path checked once, not once per finding (at 100,000 findings that was most of this step).
        for path in byPath.keys.sorted() where InlineSuppressor.isInside(path) {
            let directives = try self.directives(in: path)
            guard !directives.isEmpty else { continue }
            for index in byPath[path]! {
                let finding = findings[index]
                guard let location = finding.location,
                      let directive = directives.first(where: { $0.reaches(location) && $0.names(finding, secretScanners: secretScanners) })
                else { continue }
                findings[index].suppression = directive.suppression(in: path)
            }
        }
        return findings
    }

    /// The directives of one file; none when it cannot be read or holds no marker.
    func directives(in path: String) throws(PipelineError) -> [InlineDirective] {
        guard let bytes = read(root + "/" + path), InlineSuppressor.mayHoldDirectives(bytes) else { return [] }
        let directives = InlineDirective.parse(bytes)
        for directive in directives where directive.convention == .securescan {
            for id in directive.ids {
                if let problem = RuleCatalog.problem(with: id) {
                    throw .config(file: path, line: directive.line, column: nil, message: "\(problem) in a securescan:ignore comment")
                }
            }
        }
        return directives
    }

    private func read(_ file: String) -> [UInt8]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              attributes[.type] as? FileAttributeType == .typeRegular,
              (attributes[.size] as? Int ?? 0) <= maxFileSize,
              let data = FileManager.default.contents(atPath: file) else { return nil }
        return [UInt8](data)
    }

    /// Whether any directive marker occurs in the bytes (`memchr` to each candidate first byte, then
    /// `memcmp`), so most files are rejected at memory speed.
    static func mayHoldDirectives(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { haystack in
            guard let base = haystack.baseAddress else { return false }
            return InlineDirective.markers.contains { marker in
                let needle = Array(marker.utf8)
                var offset = 0
                while offset + needle.count <= haystack.count {
                    guard let hit = memchr(base + offset, Int32(needle[0]), haystack.count - offset - needle.count + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, needle, needle.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// A relative path that stays inside the tree (an imported report may name anything).
    static func isInside(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.utf8.split(separator: UInt8(ascii: "/")).contains { $0.elementsEqual("..".utf8) }
    }
}
