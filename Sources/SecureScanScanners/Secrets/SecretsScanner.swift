import Synchronization
import SecureScanCore

/// `secrets`: hard-coded credentials, found by the built-in rule catalog (``SecretRules``).
///
/// Every file of the tree is read once; a keyword prefilter picks the lines each rule's pattern runs
/// on. The secret's value is hashed into the finding's identity and shown only redacted.
public struct SecretsScanner: ScannerAdapter {
    public let id = "secrets"
    public let scanType = ScanType.code
    public let summary = "Hard-coded secrets: \(SecretRules.all.count) built-in rules (cloud, VCS/CI, chat, payment, keys, tokens, generic)"
    public var fingerprintKinds: [String] { ["secret"] }

    /// Lockfiles are full of integrity hashes that look random and are not secrets.
    static let skippedFileNames: Set<String> = [
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "deno.lock", "go.sum",
        "Pipfile.lock", "poetry.lock", "uv.lock", "gradle.lockfile", "Cargo.lock", "composer.lock", "Gemfile.lock",
    ]

    /// File types that are never text.
    static let skippedExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "bmp", "ico", "tif", "tiff", "webp", "svg", "woff", "woff2", "ttf", "otf", "eot",
        "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "jar", "war", "ear", "whl", "egg", "so", "dylib", "dll", "exe",
        "o", "a", "lib", "class", "pyc", "pyo", "pyd", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "mp3", "mp4",
        "avi", "mov", "wav", "flac", "ogg", "psd", "bin", "dat", "pack", "idx", "mo",
    ]

    let rules: [SecretRule]
    let workers: Int

    public init() { self.init(rules: SecretRules.all) }

    init(rules: [SecretRule], workers: Int = SystemInfo.activeProcessorCount) {
        self.rules = rules
        self.workers = workers
    }

    public func availability() async -> ScannerAvailability {
        .available(version: "\(ToolInfo.current.version)+rules.\(SecretRules.version)")
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let detector = try SecretDetector(rules: rules)
        let files = target.tree.files.filter(SecretsScanner.shouldRead)
        let cancelled = Atomic<Bool>(false)
        let results = try await withTaskCancellationHandler {
            try await ScanExecutor.run {
                ParallelWork.run(
                    count: files.count, workers: workers,
                    makeState: { FileScan(detector: detector) },
                    stop: { cancelled.load(ordering: .relaxed) },
                    body: { index, state in state.scan(files[index], at: index, root: target.root) },
                    finish: { $0.result })
            }
        } onCancel: {
            cancelled.store(true, ordering: .relaxed)
        }
        if cancelled.load(ordering: .relaxed) { throw CancellationError() }
        var observations = Observations()
        var unreadable: [String] = []
        var binary = 0
        var groups: [FileDrafts] = []
        for result in results {
            groups += result.files
            observations.sensitiveValues += result.secrets
            unreadable += result.unreadable
            binary += result.binaryCount
        }
        // Findings in (path, line, rule) order. Ordering the files, then each file's few drafts, is much
        // cheaper than sorting all drafts, which copies whole drafts n log n times (0.1 s at 100,000).
        groups.sort { files[$0.fileIndex].path < files[$1.fileIndex].path }
        observations.findings.reserveCapacity(groups.reduce(0) { $0 + $1.drafts.count })
        for group in groups {
            observations.findings += group.ordered
        }
        if !unreadable.isEmpty {
            let shown = unreadable.sorted().prefix(5).joined(separator: ", ")
            observations.notes.append("\(unreadable.count) file\(unreadable.count == 1 ? "" : "s") could not be read: \(shown)\(unreadable.count > 5 ? ", …" : "")")
        }
        if binary > 0 { observations.notes.append("\(binary) binary file\(binary == 1 ? "" : "s") skipped") }
        return observations
    }

    static func shouldRead(_ file: TreeFile) -> Bool {
        let name = file.name
        if skippedFileNames.contains(String(name)) { return false }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let ext = name[name.index(after: dot)...].lowercased()
            if skippedExtensions.contains(ext) { return false }
        }
        return true
    }
}

/// What one worker found.
private struct FileScanResult: Sendable {
    var files: [FileDrafts] = []
    var secrets: [String] = []
    var unreadable: [String] = []
    var binaryCount = 0
}

/// The drafts found in one file, by the file's index in the scanned list.
private struct FileDrafts: Sendable {
    let fileIndex: Int
    let drafts: [Finding.Draft]

    /// The drafts by line, then rule (they usually come in that order already).
    var ordered: [Finding.Draft] {
        zip(drafts, drafts.dropFirst()).allSatisfy({ !FileDrafts.precedes($1, $0) }) ? drafts : drafts.sorted(by: FileDrafts.precedes)
    }

    static func precedes(_ a: Finding.Draft, _ b: Finding.Draft) -> Bool {
        (a.location?.startLine ?? 0, a.ruleID) < (b.location?.startLine ?? 0, b.ruleID)
    }
}

/// One worker's state: its reader, detector scratch and results.
private struct FileScan {
    let detector: SecretDetector
    let reader = FileReader()
    let scratch: SecretDetector.Scratch
    var result = FileScanResult()

    init(detector: SecretDetector) {
        self.detector = detector
        self.scratch = detector.makeScratch()
    }

    mutating func scan(_ file: TreeFile, at fileIndex: Int, root: String) {
        switch reader.read(file, under: root) {
        case .binary:
            result.binaryCount += 1
        case .unreadable(let reason):
            result.unreadable.append("\(file.path) (\(reason))")
        case .text(let bytes):
            let located = detector.detect(bytes, inSourceCode: SourceLanguage.isProgramSource(file.name), scratch: scratch)
            guard !located.isEmpty else { return }
            let report = SecretReport(bytes: bytes, located: located, rules: detector.rules, path: file.path)
            result.files.append(FileDrafts(fileIndex: fileIndex, drafts: report.drafts))
            result.secrets += report.secretValues
        }
    }
}

/// Which files hold program source, where an unquoted right-hand side is an expression, not a literal.
enum SourceLanguage {
    static let programExtensions: Set<String> = [
        "py", "pyi", "js", "mjs", "cjs", "jsx", "ts", "tsx", "go", "java", "kt", "kts", "scala", "groovy", "cs", "c", "h",
        "cc", "cpp", "cxx", "hpp", "hh", "m", "mm", "swift", "rs", "rb", "php", "dart", "lua", "pl", "pm", "r", "jl", "ex",
        "exs", "erl", "hs", "clj", "vb", "fs", "pyx", "pxd",
    ]

    static func isProgramSource(_ name: Substring) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return programExtensions.contains(name[name.index(after: dot)...].lowercased())
    }
}
