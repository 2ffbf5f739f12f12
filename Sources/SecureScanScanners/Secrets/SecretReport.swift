import SecureScanCore

/// Turns located secrets into finding drafts: line and column, a redacted evidence line, and the
/// value's digest as identity. The raw value goes no further than ``secretValues``.
struct SecretReport {
    var drafts: [Finding.Draft] = []
    var secretValues: [String] = []

    /// Characters of context kept on each side of a secret in the evidence line.
    static let contextBefore = 60
    static let contextAfter = 40

    init(bytes: UnsafeBufferPointer<UInt8>, located: [SecretDetector.Located], rules: [SecretRule], path: String) {
        var line = 1
        var counted = 0
        let positions = located.map(\.secret.lowerBound)
        // Every secret's range, in order, once per file: each evidence line redacts the ones it shows.
        let secrets = SecretRanges(located.map(\.secret))
        for (index, item) in located.enumerated() {
            let rule = rules[item.rule]
            line += SecretReport.newlines(in: bytes, from: counted, to: positions[index])
            counted = positions[index]
            // The location spans the whole match (a PEM block from header to footer); identity is the secret alone.
            let lastByte = max(item.secret.upperBound, item.match.upperBound) - 1
            let endLine = line + SecretReport.newlines(in: bytes, from: item.secret.lowerBound, to: max(item.secret.lowerBound, lastByte))
            let lineStart = bytes.baseAddress.map { SecretDetector.lineStart($0, before: item.secret.lowerBound) } ?? 0
            let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<item.secret.lowerBound]), as: UTF8.self).count + 1
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[item.secret]), as: UTF8.self)
            let redacted = Redaction.redact(value)
            let evidence = SecretReport.evidence(bytes: bytes, secret: item.secret, others: secrets, lineStart: lineStart)
            secretValues.append(value)
            drafts.append(Finding.Draft(
                ruleID: rule.findingRuleID, severity: rule.severity, title: rule.title,
                description: "\(rule.title) in \(path) at line \(line). The value is shown redacted as \(redacted).",
                location: Location(path: path, startLine: line, endLine: endLine, startColumn: column),
                identity: .secret(valueDigest: SecretDigest.of(UnsafeBufferPointer(rebasing: bytes[item.secret]))),
                cwes: rule.id == "private-key" || rule.id == "putty-private-key" || rule.id == "age-secret-key"
                    ? ["CWE-321", "CWE-798"] : ["CWE-798"],
                remediation: rule.remediation ?? "Remove the value from the source, rotate it, and load it from a secret store at run time.",
                evidence: evidence,
                properties: ["redacted": redacted, "entropy": SecretReport.format(Entropy.shannon(UnsafeBufferPointer(rebasing: bytes[item.secret])))]))
        }
    }

    /// The secret's line, cut to a window around it, with this and every other secret on it redacted.
    static func evidence(bytes: UnsafeBufferPointer<UInt8>, secret: Range<Int>, others: SecretRanges, lineStart: Int) -> String {
        guard let base = bytes.baseAddress else { return "" }
        let lineEnd = SecretDetector.lineEnd(base, count: bytes.count, from: lineStart)
        let from = max(lineStart, secret.lowerBound - contextBefore)
        let to = max(from, min(lineEnd, secret.upperBound + contextAfter))
        var out = ""
        var cursor = from
        for range in others.overlapping(from..<max(to, secret.lowerBound + 1)) {
            if range.lowerBound > cursor { out += text(bytes, cursor..<min(range.lowerBound, to)) }
            if range.lowerBound >= cursor { out += Redaction.redact(text(bytes, range)) }
            cursor = max(cursor, min(range.upperBound, to))
        }
        if cursor < to { out += text(bytes, cursor..<to) }
        // Control characters become spaces; in UTF-8 they are exactly the bytes below 0x20.
        let cleaned = String(decoding: out.utf8.map { $0 < 0x20 ? UInt8(ascii: " ") : $0 }, as: UTF8.self).trimmingWhitespace()
        return (from > lineStart ? "…" : "") + cleaned + (to < lineEnd ? "…" : "")
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    static func newlines(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard to > from else { return 0 }
        var count = 0
        for index in from..<to where bytes[index] == 0x0A { count += 1 }
        return count
    }

    /// Two decimals, without Foundation's locale-dependent formatting.
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

/// A file's secret ranges sorted by start, for finding the ones that overlap a window without scanning
/// them all: every secret's evidence line looked at every other secret of its file (and sorted them),
/// quadratic in a file with thousands of secrets.
struct SecretRanges {
    private let ranges: [Range<Int>]
    private let longest: Int

    init(_ ranges: [Range<Int>]) {
        self.ranges = ranges.sorted { $0.lowerBound < $1.lowerBound }
        longest = ranges.map(\.count).max() ?? 0
    }

    /// The ranges that overlap `window`, in order of their start.
    func overlapping(_ window: Range<Int>) -> [Range<Int>] {
        // No range longer than `longest` starts before this and still reaches into the window.
        let earliest = window.lowerBound - longest
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound < earliest { low = middle + 1 } else { high = middle }
        }
        var found: [Range<Int>] = []
        var index = low
        while index < ranges.count, ranges[index].lowerBound < window.upperBound {
            if ranges[index].upperBound > window.lowerBound { found.append(ranges[index]) }
            index += 1
        }
        return found
    }
}
