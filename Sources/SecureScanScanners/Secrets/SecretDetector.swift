#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The secrets engine: keyword prefilter, regex, entropy and allow-lists over one file's bytes.
///
/// Built once per scan and shared by all threads; each thread brings its own ``Scratch``.
// @unchecked: every stored property is immutable after init; the compiled patterns and the Hyperscan database
// are read-only and safe to share between threads (mutable match state lives in each thread's Scratch).
final class SecretDetector: @unchecked Sendable {
    let rules: [SecretRule]
    private let patterns: [PCREPattern]
    private let allowSecrets: [[PCREPattern]]
    private let allowMatches: [[PCREPattern]]
    private let allowLines: [[PCREPattern]]
    private let validatorPatterns: ValidatorPatterns
    private let keywords: LiteralMatcher
    private let keywordLengths: [Int]
    /// For each keyword, the rules that use it.
    private let rulesByKeyword: [[Int]]
    private let maxCaptures: Int
    /// Rules whose keyword must sit in a name that mentions a secret (the keyword rules).
    private let nameFiltered: [Bool]
    /// Keywords that are part of a name (`password`), as opposed to a call (`new pdo`).
    private let keywordIsName: [Bool]

    /// A secret located in a buffer.
    struct Located: Sendable, Hashable {
        var rule: Int
        var match: Range<Int>
        var secret: Range<Int>
    }

    /// Per-thread state.
    final class Scratch {
        fileprivate let literal: LiteralScratch
        fileprivate let regex: PCREScratch
        fileprivate var hits: [LiteralHit] = []
        fileprivate var seen = Set<Int>()

        fileprivate init(literal: LiteralScratch, maxCaptures: Int) {
            self.literal = literal
            self.regex = PCREScratch(maxCaptures: maxCaptures)
        }
    }

    /// - Throws: ``ScannersError`` when a rule's pattern does not compile or Hyperscan is unusable.
    init(rules: [SecretRule]) throws(ScannersError) {
        self.rules = rules
        var patterns: [PCREPattern] = []
        var allowSecrets: [[PCREPattern]] = []
        var allowMatches: [[PCREPattern]] = []
        var allowLines: [[PCREPattern]] = []
        var keywordIndex: [String: Int] = [:]
        var keywordList: [String] = []
        var rulesByKeyword: [[Int]] = []
        for (index, rule) in rules.enumerated() {
            patterns.append(try PCREPattern(rule.pattern))
            allowSecrets.append(try rule.allow.secrets.map { pattern throws(ScannersError) in try PCREPattern(pattern) })
            allowMatches.append(try rule.allow.matches.map { pattern throws(ScannersError) in try PCREPattern(pattern) })
            allowLines.append(try rule.allow.lines.map { pattern throws(ScannersError) in try PCREPattern(pattern) })
            for keyword in rule.keywords {
                if let existing = keywordIndex[keyword] {
                    rulesByKeyword[existing].append(index)
                } else {
                    keywordIndex[keyword] = keywordList.count
                    keywordList.append(keyword)
                    rulesByKeyword.append([index])
                }
            }
        }
        self.patterns = patterns
        self.allowSecrets = allowSecrets
        self.allowMatches = allowMatches
        self.allowLines = allowLines
        self.rulesByKeyword = rulesByKeyword
        self.keywordLengths = keywordList.map(\.utf8.count)
        self.keywords = try LiteralMatcher(literals: keywordList)
        self.validatorPatterns = try ValidatorPatterns()
        self.maxCaptures = patterns.map(\.captureCount).max() ?? 0
        self.nameFiltered = rules.map { $0.validator == .keyword }
        let nameLiterals = Set(SecretRules.keywordLiterals)
        self.keywordIsName = keywordList.map(nameLiterals.contains)
    }

    func makeScratch() -> Scratch { Scratch(literal: keywords.makeScratch(), maxCaptures: maxCaptures) }

    /// Every secret in `buffer`, in order of position. Overlapping candidates keep the earlier rule
    /// of the catalog, so a specific rule wins over a generic one for the same value.
    /// - Parameter inSourceCode: whether the file is program source (see ``SecretValidator``).
    func detect(_ buffer: UnsafeBufferPointer<UInt8>, inSourceCode: Bool = false, scratch: Scratch) -> [Located] {
        keywords.scan(buffer, scratch: scratch.literal, into: &scratch.hits)
        guard !scratch.hits.isEmpty, let base = buffer.baseAddress else { return [] }
        scratch.seen.removeAll(keepingCapacity: true)
        var candidates: [Located] = []
        var lineStart = -1, lineEnd = -1
        for hit in scratch.hits {
            let keywordStart = max(0, hit.end - keywordLengths[hit.literal])
            if !(lineStart <= keywordStart && keywordStart <= lineEnd) {
                lineStart = SecretDetector.lineStart(base, before: keywordStart)
                lineEnd = SecretDetector.lineEnd(base, count: buffer.count, from: keywordStart)
            }
            // Whether the identifier the keyword sits in says it holds a secret, for the keyword rules: asked
            // once per hit, and only when one of them is due (most `key`, `pass` and `auth` hits are not names
            // of secrets, and skipping them there keeps those rules from costing a regex run each).
            var namesSecret: Bool?
            for ruleIndex in rulesByKeyword[hit.literal] {
                if nameFiltered[ruleIndex] && keywordIsName[hit.literal] {
                    if namesSecret == nil {
                        namesSecret = SecretDetector.identifierMentionsSecret(buffer, from: keywordStart, to: hit.end)
                    }
                    if namesSecret == false { continue }
                }
                let window = rules[ruleIndex].window
                let region: Range<Int>
                if window > 1 {
                    region = lineStart..<SecretDetector.windowEnd(base, count: buffer.count, from: lineStart, lines: window)
                } else if lineEnd - lineStart <= SecretRule.maxLineWindow {
                    region = lineStart..<lineEnd
                } else {
                    let half = SecretRule.maxLineWindow / 2
                    region = max(lineStart, keywordStart - half)..<min(lineEnd, hit.end + half)
                }
                guard scratch.seen.insert(region.lowerBound &* 4096 &+ ruleIndex).inserted else { continue }
                evaluate(ruleIndex, in: buffer, region: region, inSourceCode: inSourceCode, scratch: scratch,
                         into: &candidates)
            }
        }
        return SecretDetector.resolveOverlaps(candidates)
    }

    private func evaluate(
        _ ruleIndex: Int, in buffer: UnsafeBufferPointer<UInt8>, region: Range<Int>, inSourceCode: Bool,
        scratch: Scratch, into candidates: inout [Located]
    ) {
        // Fields are read from `rules[ruleIndex]` where used: binding the rule to a local copied the whole
        // value (a dozen reference-counted fields) for every region, a tenth of a scan with the keyword rules.
        let subject = UnsafeBufferPointer(rebasing: buffer[region])
        for match in patterns[ruleIndex].allMatches(in: subject, scratch: scratch.regex) {
            guard let (secretRange, groupIndex) = SecretDetector.secret(of: match, group: rules[ruleIndex].secretGroup) else {
                continue
            }
            // The keyword rules judge the name first, before building any string: most names are not secret.
            if nameFiltered[ruleIndex] {
                if inSourceCode && !rules[ruleIndex].literalGroups.contains(groupIndex) { continue }
            }
            let secret = (secretRange.lowerBound + region.lowerBound)..<(secretRange.upperBound + region.lowerBound)
            let whole = (match.whole.lowerBound + region.lowerBound)..<(match.whole.upperBound + region.lowerBound)
            let secretBytes = UnsafeBufferPointer(rebasing: buffer[secret])
            if let minimum = rules[ruleIndex].minEntropy, Entropy.shannon(secretBytes) < minimum { continue }
            let secretText = String(decoding: secretBytes, as: UTF8.self)
            if rules[ruleIndex].allow.placeholders && Placeholder.matches(secretText) { continue }
            if allowSecrets[ruleIndex].contains(where: { $0.firstMatch(in: secretBytes, from: 0, scratch: scratch.regex) != nil }) {
                continue
            }
            if !allowMatches[ruleIndex].isEmpty {
                let matchBytes = UnsafeBufferPointer(rebasing: buffer[whole])
                if allowMatches[ruleIndex].contains(where: { $0.firstMatch(in: matchBytes, from: 0, scratch: scratch.regex) != nil }) {
                    continue
                }
            }
            if !allowLines[ruleIndex].isEmpty {
                let lineBytes = UnsafeBufferPointer(rebasing: buffer[region])
                if allowLines[ruleIndex].contains(where: { $0.firstMatch(in: lineBytes, from: 0, scratch: scratch.regex) != nil }) {
                    continue
                }
            }
            if !rules[ruleIndex].allow.stopwords.isEmpty {
                // Byte search over ASCII-lowercased text: stopwords are lowercase ASCII, and String.contains
                // cost a tenth of a 10,000-secret scan.
                let lowered = secretText.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                if rules[ruleIndex].allow.stopwords.contains(where: { ByteSearch.contains(lowered, $0) }) { continue }
            }
            if let validator = rules[ruleIndex].validator {
                let name: String
                if let group = rules[ruleIndex].nameGroup {
                    let range = group < match.groups.count ? match.groups[group] : nil
                    name = range.map {
                        String(decoding: UnsafeBufferPointer(rebasing: subject[$0]), as: UTF8.self)
                    } ?? ""
                } else {
                    name = SecretDetector.identifier(in: buffer, at: whole.lowerBound)
                }
                let quoted = rules[ruleIndex].literalGroups.contains(groupIndex)
                if validator.dismisses(secret: secretText, name: name, quoted: quoted, inSourceCode: inSourceCode,
                                       patterns: validatorPatterns, scratch: scratch.regex) {
                    continue
                }
            }
            candidates.append(Located(rule: ruleIndex, match: whole, secret: secret))
        }
    }

    /// The secret's range within the match, and which group it came from.
    private static func secret(of match: PCREMatch, group: SecretGroup) -> (Range<Int>, Int)? {
        switch group {
        case .whole:
            return (match.whole, 0)
        case .group(let index):
            guard index < match.groups.count, let range = match.groups[index] else { return nil }
            return (range, index)
        case .firstFrom(let first):
            for index in first..<max(first, match.groups.count) {
                if let range = match.groups[index], !range.isEmpty { return (range, index) }
            }
            return match.groups.count <= first ? (match.whole, 0) : nil
        }
    }

    /// The identifier a generic assignment's keyword sits in: extended left and right over `[A-Za-z0-9_.-]`.
    private static func identifier(in buffer: UnsafeBufferPointer<UInt8>, at position: Int) -> String {
        var start = position, end = position
        while start > 0, position - start < 80 {
            if isIdentifierByte(buffer[start - 1]) {
                start -= 1
            } else if start > 1, buffer[start - 1] == 0x3A, buffer[start - 2] == 0x3A {
                start -= 2  // `AWS::IAM::AccessKey`: a namespaced type name, kept whole
            } else {
                break
            }
        }
        while end < buffer.count, isIdentifierByte(buffer[end]), end - position < 80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// Whether the identifier around `start..<end` has a word that says it holds a secret
    /// (``KeywordName/mentionsSecret(_:)``). Python's `pass` statement is not one.
    private static func identifierMentionsSecret(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var lower = start, upper = end
        while lower > 0, start - lower < 80, isIdentifierByte(buffer[lower - 1]) { lower -= 1 }
        while upper < buffer.count, upper - end < 80, isIdentifierByte(buffer[upper]) { upper += 1 }
        let name = UnsafeBufferPointer(rebasing: buffer[lower..<upper])
        if name.elementsEqual("pass".utf8) {
            var next = upper
            while next < buffer.count, buffer[next] == 0x20 || buffer[next] == 0x09 || buffer[next] == 0x0D { next += 1 }
            if next == buffer.count || buffer[next] == 0x0A || buffer[next] == UInt8(ascii: "#") { return false }
        }
        return KeywordName.mentionsSecret(String(decoding: name, as: UTF8.self))
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte == 0x2E || byte == 0x2D
    }

    private static func resolveOverlaps(_ candidates: [Located]) -> [Located] {
        guard candidates.count > 1 else { return candidates }
        var accepted: [Located] = []
        for candidate in candidates.sorted(by: { ($0.rule, $0.secret.lowerBound) < ($1.rule, $1.secret.lowerBound) }) {
            if accepted.contains(where: { $0.secret.overlaps(candidate.secret) }) { continue }
            accepted.append(candidate)
        }
        return accepted.sorted { ($0.secret.lowerBound, $0.rule) < ($1.secret.lowerBound, $1.rule) }
    }

    // MARK: - Line arithmetic on raw bytes

    static func lineStart(_ base: UnsafePointer<UInt8>, before position: Int) -> Int {
        var index = position
        while index > 0 {
            if base[index - 1] == 0x0A { return index }
            index -= 1
        }
        return 0
    }

    static func lineEnd(_ base: UnsafePointer<UInt8>, count: Int, from position: Int) -> Int {
        guard position < count, let newline = memchr(base + position, 0x0A, count - position) else { return count }
        return UnsafeRawPointer(newline) - UnsafeRawPointer(base)
    }

    /// The end of `lines` lines starting at `start`, capped at 64 KiB.
    private static func windowEnd(_ base: UnsafePointer<UInt8>, count: Int, from start: Int, lines: Int) -> Int {
        let cap = min(count, start + 65_536)
        var position = start
        for _ in 0..<lines {
            position = lineEnd(base, count: cap, from: position)
            if position >= cap { return cap }
            position += 1
        }
        return min(position, cap)
    }
}
