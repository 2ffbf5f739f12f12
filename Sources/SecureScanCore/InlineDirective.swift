/// A suppression written in a comment of the scanned code: SecureScan's own `securescan:ignore`, or one
/// of the conventions other tools' users already have in their code.
///
/// | written | suppresses | lines |
/// |---|---|---|
/// | `securescan:ignore[ ID…] [-- reason]` | findings of the rules or scanners named (all when none, or `*`) | its own line; the next one too when the comment stands alone |
/// | `securescan:ignore-next-line …` | the same | the next line |
/// | `gitleaks:allow` | secrets | its own line |
/// | `pragma: allowlist secret` (detect-secrets) | secrets | its own line; `pragma: allowlist nextline secret`: the next one |
/// | `nosemgrep[: ID, …]` | semgrep's findings (of those rules) | its own line, and the next when it stands alone |
/// | `nosec [B101 …]` | bandit's findings (of those tests) | its own line, or a line of the finding |
/// | `checkov:skip=ID[:reason]` | checkov's finding of that check | any line of the resource, or the line above it |
/// | `hadolint ignore=DL…[,…]`, `hadolint global ignore=…` | hadolint's findings of those rules | the next instruction; the whole file |
public struct InlineDirective: Sendable, Hashable {
    public enum Convention: String, Sendable, Hashable {
        case securescan, gitleaks, detectSecrets = "detect-secrets", nosemgrep, nosec, checkov, hadolint
    }

    /// The lines a directive covers, relative to the line it is on.
    public enum Reach: Sendable, Hashable {
        /// A finding on the directive's line (any line of a multi-line finding).
        case sameLine
        /// The same, or a finding that starts on the next line.
        case sameOrNextLine
        /// A finding that starts on the next line.
        case nextLine
        /// Every finding in the file.
        case file
    }

    public var convention: Convention
    /// 1-based.
    public var line: Int
    public var reach: Reach
    /// Rule (or, for `securescan`, scanner) ids named; empty: every finding the convention covers.
    public var ids: [String]
    public var reason: String?
    /// How the directive is written, for the suppression's reason (`gitleaks:allow`).
    public var marker: String

    public init(convention: Convention, line: Int, reach: Reach, ids: [String] = [], reason: String? = nil, marker: String) {
        self.convention = convention
        self.line = line
        self.reach = reach
        self.ids = ids
        self.reason = reason
        self.marker = marker
    }

    /// Whether a finding at `location` is on a line this directive covers.
    public func reaches(_ location: Location) -> Bool {
        guard let start = location.startLine else { return reach == .file }
        let end = max(location.endLine ?? start, start)
        switch reach {
        case .sameLine: return (start...end).contains(line)
        case .sameOrNextLine: return (start...end).contains(line) || line + 1 == start
        case .nextLine: return line + 1 == start
        case .file: return true
        }
    }

    /// Whether the directive names `finding` (its scope and ids), whatever the line. `secretScanners` are
    /// the scanners whose findings are secrets, which `gitleaks:allow` and detect-secrets' pragma cover.
    public func names(_ finding: Finding, secretScanners: Set<String>) -> Bool {
        let rule = finding.ruleID
        switch convention {
        case .securescan:
            return ids.isEmpty || ids.contains("*") || ids.contains(rule) || ids.contains(finding.scanner)
        case .gitleaks, .detectSecrets:
            return secretScanners.contains(finding.scanner)
        case .nosemgrep:
            return finding.scanner == "semgrep" && (ids.isEmpty || ids.contains { rule == $0 || rule.hasSuffix("." + $0) })
        case .nosec:
            return finding.scanner == "bandit"
                && (ids.isEmpty || ids.contains { $0.caseInsensitiveCompare(rule) || $0 == finding.title })
        case .checkov, .hadolint:
            return finding.scanner == convention.rawValue && ids.contains(rule)
        }
    }

    /// The suppression this directive gives a finding in `path`.
    public func suppression(in path: String) -> Suppression {
        Suppression(source: .inline, reason: "\(marker) at \(path):\(line)" + (reason.map { ": " + $0 } ?? ""))
    }
}

private extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}

extension InlineDirective {
    /// The byte strings one of which every directive contains (`securescan` in any case is checked
    /// separately): a file with none of them has no directive, which is how most files are skipped unread.
    public static let markers = ["securescan", "SecureScan", "SECURESCAN", "gitleaks:allow", "allowlist", "whitelist",
                                 "nosemgrep", "nosec", "checkov:skip", "hadolint"]

    /// Every directive in a file's text, line by line.
    public static func parse(_ text: [UInt8]) -> [InlineDirective] {
        var directives: [InlineDirective] = []
        var lineNumber = 0
        for rawLine in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Array(rawLine)
            if line.last == 0x0D { line.removeLast() }
            directives += parse(line: line, number: lineNumber)
        }
        return directives
    }

    /// The directives on one line (a line may carry several: `# nosec B105  # gitleaks:allow`).
    static func parse(line: [UInt8], number: Int) -> [InlineDirective] {
        let lower = line.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var found: [InlineDirective] = []
        if let at = lower.find("securescan"), let directive = securescan(line, lower, after: at + 10, start: at, number: number) {
            found.append(directive)
        }
        if lower.find("gitleaks:allow") != nil {
            found.append(InlineDirective(convention: .gitleaks, line: number, reach: .sameLine, marker: "gitleaks:allow"))
        }
        if let at = lower.find("pragma:") {
            let words = lower[(at + 7)...].split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).prefix(3).map { String(decoding: $0, as: UTF8.self) }
            if words.first == "allowlist" || words.first == "whitelist" {
                if words.dropFirst().first == "secret" {
                    found.append(InlineDirective(convention: .detectSecrets, line: number, reach: .sameLine, marker: "pragma: allowlist secret"))
                } else if words.dropFirst().first == "nextline", words.dropFirst(2).first == "secret" {
                    found.append(InlineDirective(convention: .detectSecrets, line: number, reach: .nextLine, marker: "pragma: allowlist nextline secret"))
                }
            }
        }
        if let at = lower.find("nosemgrep"), !lower.isWordCharacter(at: at + 9), !lower.isWordCharacter(at: at - 1) {
            var ids: [String] = []
            if let colon = lower.index(at + 9, skippingSpacesTo: 0x3A) {
                ids = idList(line[(colon + 1)...], separators: [0x2C])
            }
            found.append(InlineDirective(convention: .nosemgrep, line: number, reach: standsAlone(line, before: at) ? .sameOrNextLine : .sameLine,
                                         ids: ids, marker: "nosemgrep"))
        }
        if let at = lower.find("nosec"), !lower.isWordCharacter(at: at + 5), !lower.isWordCharacter(at: at - 1) {
            found.append(InlineDirective(convention: .nosec, line: number, reach: .sameLine, ids: idList(line[(at + 5)...], separators: [0x2C, 0x20]),
                                         marker: "nosec"))
        }
        var from = 0
        while let at = lower.find("checkov:skip=", from: from) {
            let rest = line[(at + 13)...]
            let id = rest.prefix { $0 != 0x3A && $0 != 0x20 && $0 != 0x09 && $0 != 0x2C }
            let afterID = rest.dropFirst(id.count)
            let reason = afterID.first == 0x3A ? trimmed(closingComment(afterID.dropFirst())) : nil
            if !id.isEmpty {
                found.append(InlineDirective(convention: .checkov, line: number, reach: .sameOrNextLine, ids: [String(decoding: id, as: UTF8.self)],
                                             reason: reason?.isEmpty == false ? reason : nil, marker: "checkov:skip"))
            }
            from = at + 13
        }
        if let at = lower.find("hadolint") {
            let words = lower[(at + 8)...].split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            let global = words.first.map { Array($0) == Array("global".utf8) } ?? false
            if let ignore = lower.find("ignore=", from: at + 8) {
                let ids = idList(line[(ignore + 7)...].prefix { $0 != 0x20 && $0 != 0x09 }, separators: [0x2C])
                if !ids.isEmpty {
                    found.append(InlineDirective(convention: .hadolint, line: number, reach: global ? .file : .nextLine, ids: ids,
                                                 marker: global ? "hadolint global ignore" : "hadolint ignore"))
                }
            }
        }
        return found
    }

    /// `securescan:ignore[-next-line|-this-line][ ID…][ -- reason]`, with spaces allowed around the colon.
    private static func securescan(_ line: [UInt8], _ lower: [UInt8], after: Int, start: Int, number: Int) -> InlineDirective? {
        guard let colon = lower.index(after, skippingSpacesTo: 0x3A) else { return nil }
        var cursor = colon + 1
        while cursor < lower.count, lower[cursor] == 0x20 || lower[cursor] == 0x09 { cursor += 1 }
        guard lower[cursor...].starts(with: "ignore".utf8) else { return nil }
        cursor += 6
        var reach: Reach = standsAlone(line, before: start) ? .sameOrNextLine : .sameLine
        for (suffix, suffixReach) in [("-next-line", Reach.nextLine), ("-this-line", .sameLine), ("-line", .sameLine)]
        where lower[cursor...].starts(with: suffix.utf8) {
            reach = suffixReach
            cursor += suffix.utf8.count
            break
        }
        guard cursor == lower.count || [0x20, 0x09, 0x2C, 0x5B, 0x2A, 0x3A].contains(lower[cursor]) else { return nil }
        var rest = closingComment(line[cursor...])
        var reason: String?
        if let dashes = rest.find("--") {
            reason = trimmed(rest[(dashes + 2)...])
            rest = rest[..<dashes]
        }
        let ids = idList(rest.filter { $0 != 0x5B && $0 != 0x5D && $0 != 0x3A }[...], separators: [0x2C, 0x20, 0x09])
        return InlineDirective(convention: .securescan, line: number, reach: reach, ids: ids, reason: reason?.isEmpty == false ? reason : nil,
                               marker: "securescan:ignore")
    }

    /// Whether only a comment opener precedes the marker: a comment on a line of its own, which also
    /// covers the line below it.
    static func standsAlone(_ line: [UInt8], before index: Int) -> Bool {
        let prefix = line[..<index].filter { $0 != 0x20 && $0 != 0x09 }
        if prefix.isEmpty { return true }
        let lowered = String(decoding: prefix, as: UTF8.self).lowercased()
        if lowered == "rem" || lowered == "<!--" || lowered == "{{/*" || lowered == "{#" { return true }
        return prefix.allSatisfy { "#/*-;%'!".utf8.contains($0) }
    }

    /// Ids separated by the given bytes; stops at a `--`, or at a token that is not an id.
    private static func idList(_ bytes: ArraySlice<UInt8>, separators: Set<UInt8>) -> [String] {
        var ids: [String] = []
        for token in closingComment(bytes).split(whereSeparator: { separators.contains($0) || $0 == 0x20 || $0 == 0x09 }) {
            let text = String(decoding: token, as: UTF8.self)
            if text.hasPrefix("--") || text.hasPrefix("#") || text.hasPrefix("//") { break }
            guard text.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x22 && $0 != 0x27 && $0 != 0x60 }) else { break }
            ids.append(text)
        }
        return ids
    }

    /// The text without a trailing block-comment closer (`*/`, `-->`, `#}`, `*/}}`).
    private static func closingComment(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = bytes
        while let last = text.last, last == 0x20 || last == 0x09 { text = text.dropLast() }
        for closer in ["*/}}", "*/", "-->", "#}"] where text.reversed().starts(with: closer.utf8.reversed()) {
            return text.dropLast(closer.utf8.count)
        }
        return text
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        return String(decoding: bytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed(), as: UTF8.self)
    }
}

private extension Collection where Element == UInt8, Index == Int {
    /// The first index where `needle` starts, at or after `from`.
    func find(_ needle: String, from: Int? = nil) -> Int? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        var index = Swift.max(from ?? startIndex, startIndex)
        while index + pattern.count <= endIndex {
            if self[index] == first, self[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// The index of `byte` after only spaces from `start`; nil when something else comes first.
    func index(_ start: Int, skippingSpacesTo byte: UInt8) -> Int? {
        var index = start
        while index < endIndex, self[index] == 0x20 || self[index] == 0x09 { index += 1 }
        return index < endIndex && self[index] == byte ? index : nil
    }

    func isWordCharacter(at index: Int) -> Bool {
        guard index >= startIndex, index < endIndex else { return false }
        let byte = self[index]
        return (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }
}
