/// A Python version under PEP 440 (https://peps.python.org/pep-0440/), ordered the way `packaging` orders
/// them: epoch, release (trailing zeros ignored), then dev releases before pre-releases before the final
/// release before post-releases, and local versions after their public version.
public struct PEP440Version: Sendable, Hashable, Comparable {
    var epoch: Int
    var release: [Int]
    /// (0 = a, 1 = b, 2 = rc, number)
    var pre: (kind: Int, number: Int)?
    var post: Int?
    var dev: Int?
    var local: [String]

    public static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool { !(lhs < rhs) && !(rhs < lhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Array(release.reversed().drop { $0 == 0 }.reversed()))
    }

    /// Parses the normalized and the many accepted spellings (`1.0RC1`, `1.0-post2`, `v1.0.dev`, `1!2.0+local.7`).
    public init?(_ text: String) {
        var scanner = VersionScanner(text.lowercased().trimmingSpaces)
        scanner.skip("v")
        var epoch = 0
        var release: [Int] = []
        guard let first = scanner.integer() else { return nil }
        if scanner.skip("!") {
            epoch = first
            guard let major = scanner.integer() else { return nil }
            release = [major]
        } else {
            release = [first]
        }
        while scanner.peek(".") && scanner.peekDigit(after: 1) {
            scanner.advance()
            guard let part = scanner.integer() else { return nil }
            release.append(part)
        }
        self.epoch = epoch
        self.release = release
        self.local = []
        // Pre-release: [-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?N?
        let afterRelease = scanner.position
        scanner.skipSeparator()
        if let kind = scanner.word(Self.preReleaseWords) {
            scanner.skipSeparator()
            pre = (kind, scanner.integer() ?? 0)
        } else {
            scanner.position = afterRelease
        }
        // Post-release: -N, or [-_.]?(post|rev|r)[-_.]?N?
        let afterPre = scanner.position
        if scanner.skip("-"), let number = scanner.integer() {
            post = number
        } else {
            scanner.position = afterPre
            scanner.skipSeparator()
            if scanner.word(Self.postReleaseWords) != nil {
                scanner.skipSeparator()
                post = scanner.integer() ?? 0
            } else {
                scanner.position = afterPre
            }
        }
        // Dev release: [-_.]?dev[-_.]?N?
        let afterPost = scanner.position
        scanner.skipSeparator()
        if scanner.word(Self.devReleaseWords) != nil {
            scanner.skipSeparator()
            dev = scanner.integer() ?? 0
        } else {
            scanner.position = afterPost
        }
        if scanner.skip("+") {
            local = scanner.rest.split(whereSeparator: { "._-".contains($0) }).map(String.init)
            guard !local.isEmpty, local.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber } }) else { return nil }
            scanner.position = scanner.end
        }
        guard scanner.atEnd else { return nil }
    }

    private static let preReleaseWords = VersionScanner.words(["alpha": 0, "beta": 1, "preview": 2, "pre": 2, "rc": 2, "a": 0, "b": 1, "c": 2])
    private static let postReleaseWords = VersionScanner.words(["post": 0, "rev": 0, "r": 0])
    private static let devReleaseWords = VersionScanner.words(["dev": 0])

    public var isPrerelease: Bool { pre != nil || dev != nil }

    public static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch }
        let count = max(lhs.release.count, rhs.release.count)
        for index in 0..<count {
            let a = index < lhs.release.count ? lhs.release[index] : 0
            let b = index < rhs.release.count ? rhs.release[index] : 0
            if a != b { return a < b }
        }
        // Pre-release key: a dev release of the final version sorts before any pre-release.
        func preKey(_ version: PEP440Version) -> (Int, Int, Int) {
            if let pre = version.pre { return (1, pre.kind, pre.number) }
            if version.post == nil, version.dev != nil { return (0, 0, 0) }
            return (2, 0, 0)
        }
        let (preA, preB) = (preKey(lhs), preKey(rhs))
        if preA != preB { return preA < preB }
        let (postA, postB) = (lhs.post ?? -1, rhs.post ?? -1)
        if postA != postB { return postA < postB }
        let (devA, devB) = (lhs.dev ?? Int.max, rhs.dev ?? Int.max)
        if devA != devB { return devA < devB }
        // Local segments: numbers sort after words; a longer local version wins a tie.
        for (a, b) in zip(lhs.local, rhs.local) where a != b {
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y
            case (nil, .some): return true
            case (.some, nil): return false
            case (nil, nil): return a < b
            }
        }
        return lhs.local.count < rhs.local.count
    }
}
