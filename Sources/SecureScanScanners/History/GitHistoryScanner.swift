import Foundation
import Synchronization
import SecureScanCore
#if canImport(Glibc)
import Glibc
#endif

/// `git-history`: secrets anywhere in a repository's history, with the rules of ``SecretsScanner``.
///
/// `git log --raw` lists every blob the chosen commits wrote under the target, with the oldest commit
/// that wrote it; each distinct blob is read once (`git cat-file --batch`, in chunks read while the
/// previous chunk is scanned). A secret gets one finding per rule and value, at the commit that first
/// added it, so a key committed and deleted later is found, and ten edits of a file that holds it are
/// one finding. Values still in the work tree are left to `secrets` (the pipeline drops the repeats).
public struct GitHistoryScanner: ScannerAdapter {
    public static let scannerID = "git-history"
    public let id = GitHistoryScanner.scannerID
    public let scanType = ScanType.code
    public let summary = "Secrets in git history: every blob the chosen commits wrote (all refs by default), each read once; run by `scan --history`"
    public var fingerprintKinds: [String] { ["history-secret"] }
    public var runsByDefault: Bool { false }
    public var optionKeys: [String] { ["revisions"] }
    public var reusesResults: Bool { false }

    /// `git log` options that name sets of refs and may be given as revisions.
    public static let refSets: Set<String> = ["--all", "--branches", "--tags", "--remotes"]
    /// Revisions read when none are configured: every branch, tag and remote-tracking ref.
    public static let defaultRevisions = ["--all"]

    let rules: [SecretRule]
    let workers: Int
    /// Bytes of blobs read per `git cat-file --batch`: small enough that reading the next chunk overlaps
    /// scanning this one (one 29 MiB read took 0.32 s before any scanning started), large enough that
    /// the processes started and the delta bases git inflates again in each stay few (4 MiB chunks were
    /// slower on the benchmark: 0.97 s against 0.81 s).
    let chunkBytes: Int

    public init() { self.init(rules: SecretRules.all) }

    init(rules: [SecretRule], workers: Int = SystemInfo.activeProcessorCount, chunkBytes: Int = 16 << 20) {
        self.rules = rules
        self.workers = workers
        self.chunkBytes = chunkBytes
    }

    public func availability() async -> ScannerAvailability {
        guard let version = await GitCommand.version() else {
            return .unavailable(reason: "git is not installed", installHint: "apt-get install git")
        }
        guard GitCommand.isRecent(version) else {
            return .unavailable(reason: "git \(version) is older than \(GitCommand.minimumVersion.map(String.init).joined(separator: "."))",
                                installHint: "install a newer git")
        }
        return .available(version: "\(ToolInfo.current.version)+rules.\(SecretRules.version)+git.\(version)")
    }

    /// Checks that `root` lies in a git work tree and that every revision names commits there.
    /// - Throws: ``ScannersError/unavailable(reason:installHint:)`` outside a work tree,
    ///   ``ScannersError/invalidReport(source:reason:)`` naming a revision git does not know.
    public static func check(root: String, revisions: [String]) async throws(ScannersError) {
        let inside = try? await GitCommand.invoke(["rev-parse", "--is-inside-work-tree"], in: root)
        guard inside?.stdoutText.hasPrefix("true") == true else {
            throw .unavailable(reason: "\(root) is not inside a git work tree, so it has no history to scan",
                               installHint: "scan a clone of the repository, with its history")
        }
        for revision in revisions where !refSets.contains(revision) {
            guard !revision.hasPrefix("-") else {
                throw .invalidReport(source: "git history", reason: "'\(revision)' is not a revision: give a range (main..feature), a branch, a tag, a commit or one of \(refSets.sorted().joined(separator: ", "))")
            }
            do {
                _ = try await GitCommand.invoke(["rev-list", "--max-count=1", "--end-of-options", revision, "--"], in: root)
            } catch {
                var said = ""
                if case .toolExited(_, _, let stderr) = error { said = ": " + GitCommand.message(stderr) }
                throw .invalidReport(source: "git history", reason: "unknown revision or range '\(revision)' in \(root)\(said)")
            }
        }
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let configured = target.option("revisions", of: id)
        let revisions = configured.isEmpty ? GitHistoryScanner.defaultRevisions : configured
        try await GitHistoryScanner.check(root: target.root, revisions: revisions)
        let top = try await GitCommand.invoke(["rev-parse", "--show-prefix", "--is-shallow-repository"], in: target.root).stdoutText
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let atTop = top.first?.isEmpty ?? true
        // --full-history: a side branch whose merge left a file as it was is still read (the default
        // simplification would skip it, and with it a secret added and removed on that branch).
        var arguments = ["-c", "core.quotePath=false", "log", "--raw", "--no-abbrev", "--no-renames", "-m", "-z", "--no-color",
                         "--full-history", "--format=" + GitHistoryLog.format]
        arguments += revisions.filter(GitHistoryScanner.refSets.contains)
        arguments += ["--end-of-options"] + revisions.filter { !GitHistoryScanner.refSets.contains($0) }
        if !atTop { arguments.insert("--relative", at: arguments.firstIndex(of: "--end-of-options")!) }
        arguments += ["--"] + (atTop ? [] : ["."])
        // The rules compile while git lists the history.
        async let compiled = ScanExecutor.run { () throws(ScannersError) in try SecretDetector(rules: rules) }
        let log = try GitHistoryLog.parse(try await GitCommand.invoke(arguments, in: target.root, outputLimit: 4 << 30, timeLimit: 3600).stdout)

        let walker = target.tree.walker
        var selected = log.blobs.filter { blob in
            SecretsScanner.shouldRead(TreeFile(path: blob.path, size: 0)) && !(walker?.excludes.matches(blob.path, isDirectory: false) ?? false)
        }
        let excluded = log.blobs.count - selected.count
        let sizes = try await GitHistoryScanner.sizes(of: selected.map(\.blob), in: target.root)
        let cap = walker?.maxFileSize ?? ScanConfig.defaultMaxFileSize
        // A blob git does not have (a partial clone's, fetched on demand) is not fetched: that would go to the network.
        let missing = selected.filter { sizes[$0.blob] == nil }.count
        let oversized = selected.filter { (sizes[$0.blob] ?? 0) > cap }.count
        selected = selected.filter { (sizes[$0.blob] ?? Int.max) <= cap }
        let chosen = selected
        let root = target.root
        let selectedSizes = chosen.map { sizes[$0.blob] ?? 0 }

        let detector = try await compiled
        var found = HistoryFindings()
        var binary = 0
        var bytesRead = 0
        let chunks = GitHistoryScanner.chunks(sizes: selectedSizes, limit: chunkBytes)
        let cancelled = Atomic<Bool>(false)
        try await withTaskCancellationHandler {
            var pending: Task<[UInt8], any Error>? = chunks.first.map { first in
                Task { try await GitHistoryScanner.read(chosen[first].map(\.blob), in: root) }
            }
            defer { pending?.cancel() }
            for (number, chunk) in chunks.enumerated() {
                guard let reading = pending else { break }
                let output = try await reading.value
                pending = number + 1 < chunks.count ? Task { [next = chunks[number + 1]] in
                    try await GitHistoryScanner.read(chosen[next].map(\.blob), in: root)
                } : nil
                let blobs = Array(chosen[chunk])
                let results = try await ScanExecutor.run { () throws(ScannersError) -> [BlobScanResult] in
                    try GitHistoryScanner.scanChunk(output, blobs: blobs, log: log, detector: detector, workers: workers,
                                                    stop: { cancelled.load(ordering: .relaxed) })
                }
                if cancelled.load(ordering: .relaxed) { throw CancellationError() }
                for result in results {
                    found.merge(result.findings, log: log)
                    binary += result.binaryCount
                    bytesRead += result.bytes
                }
            }
        } onCancel: {
            cancelled.store(true, ordering: .relaxed)
        }

        var observations = Observations()
        observations.findings = found.drafts(log: log)
        observations.sensitiveValues = found.values
        let range = revisions.joined(separator: " ")
        var note = "\(selected.count) blob\(selected.count == 1 ? "" : "s") (\(GitHistoryScanner.megabytes(bytesRead))) written by \(log.commits.count) commit\(log.commits.count == 1 ? "" : "s") of \(range) read"
        var skipped: [String] = []
        if binary > 0 { skipped.append("\(binary) binary") }
        if oversized > 0 { skipped.append("\(oversized) larger than \(cap >> 20) MiB") }
        if excluded > 0 { skipped.append("\(excluded) excluded by path") }
        if missing > 0 { skipped.append("\(missing) not in the local object store (a partial clone)") }
        if !skipped.isEmpty { note += "; skipped: " + skipped.joined(separator: ", ") }
        observations.notes.append(note)
        if top.count > 1, top[1].hasPrefix("true") {
            observations.notes.append("shallow clone: history before its oldest fetched commit was not scanned (`git fetch --unshallow`)")
        }
        return observations
    }

    /// Sizes of `blobs` (`git cat-file --batch-check`), by blob id.
    static func sizes(of blobs: [String], in root: String) async throws(ScannersError) -> [String: Int] {
        guard !blobs.isEmpty else { return [:] }
        let input = Array(blobs.map { $0 + "\n" }.joined().utf8)
        // GIT_NO_LAZY_FETCH (git 2.44+): a partial clone's absent blobs are reported missing, not fetched.
        let output = try await GitCommand.invoke(["cat-file", "--batch-check=%(objectname) %(objectsize)"], in: root,
                                                 environment: ["GIT_NO_LAZY_FETCH": "1"], input: input,
                                                 outputLimit: 1 << 30, timeLimit: 3600).stdout
        var sizes: [String: Int] = [:]
        sizes.reserveCapacity(blobs.count)
        for line in output.split(separator: 0x0A) {
            let parts = line.split(separator: 0x20)
            guard parts.count == 2, let size = Int(String(decoding: parts[1], as: UTF8.self)) else { continue }
            sizes[String(decoding: parts[0], as: UTF8.self)] = size
        }
        return sizes
    }

    /// Consecutive ranges of blobs of at most `limit` bytes together (a larger blob alone).
    static func chunks(sizes: [Int], limit: Int) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        var total = 0
        for (index, size) in sizes.enumerated() {
            if index > start, total + size > limit {
                chunks.append(start..<index)
                start = index
                total = 0
            }
            total += size
        }
        if start < sizes.count { chunks.append(start..<sizes.count) }
        return chunks
    }

    /// `git cat-file --batch` output for `blobs`.
    static func read(_ blobs: [String], in root: String) async throws(ScannersError) -> [UInt8] {
        let input = Array(blobs.map { $0 + "\n" }.joined().utf8)
        return try await GitCommand.invoke(["cat-file", "--batch"], in: root, input: input, outputLimit: 4 << 30, timeLimit: 3600).stdout
    }

    /// Splits a `git cat-file --batch` output into its blobs' contents and scans them on every core.
    static func scanChunk(_ output: [UInt8], blobs: [GitHistoryLog.Introduction], log: GitHistoryLog, detector: SecretDetector,
                          workers: Int, stop: @escaping @Sendable () -> Bool) throws(ScannersError) -> [BlobScanResult] {
        // "<object> blob <size>\n<contents>\n" per blob, in the order asked.
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(blobs.count)
        var cursor = 0
        for blob in blobs {
            guard let newline = output[cursor...].firstIndex(of: 0x0A) else {
                throw .invalidReport(source: "git cat-file", reason: "output ends before blob \(blob.blob) (\(blob.path))")
            }
            let header = output[cursor..<newline].split(separator: 0x20)
            guard header.count == 3, header[1].elementsEqual("blob".utf8), let size = Int(String(decoding: header[2], as: UTF8.self)),
                  newline + 1 + size <= output.count else {
                throw .invalidReport(source: "git cat-file", reason: "cannot read blob \(blob.blob) (\(blob.path)): \(String(decoding: output[cursor..<newline], as: UTF8.self))")
            }
            ranges.append((newline + 1)..<(newline + 1 + size))
            cursor = newline + 1 + size + 1
        }
        return output.withUnsafeBufferPointer { buffer in
            let shared = SharedBuffer(buffer: buffer)
            let ranges = ranges
            return ParallelWork.run(
                count: blobs.count, workers: workers,
                makeState: { BlobScan(detector: detector) },
                stop: stop,
                body: { index, state in
                    state.scan(UnsafeBufferPointer(rebasing: shared.buffer[ranges[index]]), blob: blobs[index], log: log)
                },
                finish: { $0.result })
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}

/// A buffer that workers only read while the call that owns it waits for them.
private struct SharedBuffer: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}

/// A secret found in one blob, before the oldest occurrence of each value is chosen.
struct HistoryHit: Sendable {
    var draft: Finding.Draft
    var commit: Int
    var value: String
}

/// What one worker found.
struct BlobScanResult: Sendable {
    var findings: [HistoryHit] = []
    var binaryCount = 0
    var bytes = 0
}

/// One worker's state.
private struct BlobScan {
    let detector: SecretDetector
    let scratch: SecretDetector.Scratch
    var result = BlobScanResult()

    init(detector: SecretDetector) {
        self.detector = detector
        self.scratch = detector.makeScratch()
    }

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, blob: GitHistoryLog.Introduction, log: GitHistoryLog) {
        result.bytes += bytes.count
        if let base = bytes.baseAddress, memchr(base, 0, min(bytes.count, FileReader.binaryProbeLength)) != nil {
            result.binaryCount += 1
            return
        }
        let name = blob.path.split(separator: "/").last ?? Substring(blob.path)
        let located = detector.detect(bytes, inSourceCode: SourceLanguage.isProgramSource(name), scratch: scratch)
        guard !located.isEmpty else { return }
        let report = SecretReport(bytes: bytes, located: located, rules: detector.rules, path: blob.path)
        for (draft, value) in zip(report.drafts, report.secretValues) {
            result.findings.append(HistoryHit(draft: draft, commit: blob.commit, value: value))
        }
    }
}

/// The oldest occurrence of each (rule, value) found in a history.
struct HistoryFindings {
    private var oldest: [String: HistoryHit] = [:]
    private var seenValues: Set<String> = []

    var values: [String] { seenValues.sorted() }

    mutating func merge(_ hits: [HistoryHit], log: GitHistoryLog) {
        for hit in hits {
            guard case .secret(let digest) = hit.draft.identity else { continue }
            seenValues.insert(hit.value)
            let key = hit.draft.ruleID + "\u{0}" + digest
            if let known = oldest[key], !HistoryFindings.isOlder(hit, than: known, log: log) { continue }
            oldest[key] = hit
        }
    }

    /// Earlier author time first; then the commit git listed later (the older one); then path and line.
    static func isOlder(_ a: HistoryHit, than b: HistoryHit, log: GitHistoryLog) -> Bool {
        let (ta, tb) = (log.commits[a.commit].authorTime, log.commits[b.commit].authorTime)
        if ta != tb { return ta < tb }
        if a.commit != b.commit { return a.commit > b.commit }
        let (la, lb) = (a.draft.location, b.draft.location)
        return (la?.path ?? "", la?.startLine ?? 0) < (lb?.path ?? "", lb?.startLine ?? 0)
    }

    /// One draft per (rule, value), at the commit that first added it, ordered by path, line and rule.
    func drafts(log: GitHistoryLog) -> [Finding.Draft] {
        oldest.values.map { hit in
            var draft = hit.draft
            guard case .secret(let digest) = draft.identity else { return draft }
            let commit = log.commits[hit.commit]
            let date = UTCTimestamp.iso8601(Date(timeIntervalSince1970: TimeInterval(commit.authorTime)))
            let path = draft.location?.path ?? ""
            let line = draft.location?.startLine ?? 0
            draft.identity = .historySecret(valueDigest: digest)
            draft.description = "\(draft.title) in git history: \(path) at line \(line) in commit \(commit.hash.prefix(12)) (authored \(date)). "
                + "The value stays readable in every clone that has that commit, even where the file no longer holds it: rotate it. "
                + "The value is shown redacted as \(draft.properties["redacted"] ?? "…")."
            draft.remediation = "Revoke and rotate the credential: deleting it in a later commit leaves it in the history. "
                + "Rewrite the history (git filter-repo) only after rotating, if the old value must not stay readable."
            draft.properties["commit"] = commit.hash
            draft.properties["author_date"] = date
            return draft
        }.sorted { a, b in
            let (la, lb) = (a.location, b.location)
            return (la?.path ?? "", la?.startLine ?? 0, a.ruleID, a.properties["commit"] ?? "")
                < (lb?.path ?? "", lb?.startLine ?? 0, b.ruleID, b.properties["commit"] ?? "")
        }
    }
}
