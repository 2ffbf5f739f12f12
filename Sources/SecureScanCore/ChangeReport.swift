/// What a change introduces (`securescan diff`): the findings of the head that the base did not have
/// (`new`), those of the base the head no longer has (`fixed`), and the gate's verdict on the new ones.
public struct ChangeReport: Sendable, Hashable {
    public var target: String
    public var base: Side
    public var head: Side
    /// Whether both states were scanned completely (`--full`) or only the files that differ.
    public var full: Bool
    /// Files that differ between base and head under the target (a rename counts once).
    public var changedFiles: Int
    /// The head's scanner runs; a scanner that failed on the base side is reported failed here too.
    public var scannerRuns: [ScannerRun]
    /// In canonical order, each with ``Finding/change`` set (`new`, `fixed`, `unchanged`).
    public var new: [Finding]
    public var fixed: [Finding]
    /// Findings on both sides: listed with `--full`, counted always.
    public var unchanged: [Finding]
    public var unchangedCount: Int
    public var gate: GateResult
    public var notes: [String]
    /// The head-side lines the change adds or changes, by path: where a review may comment.
    public var changedLines: [String: [ClosedRange<Int>]] = [:]

    public init(
        target: String, base: Side, head: Side, full: Bool, changedFiles: Int, scannerRuns: [ScannerRun], new: [Finding],
        fixed: [Finding], unchanged: [Finding], unchangedCount: Int, gate: GateResult, notes: [String]
    ) {
        self.target = target
        self.base = base
        self.head = head
        self.full = full
        self.changedFiles = changedFiles
        self.scannerRuns = scannerRuns
        self.new = new
        self.fixed = fixed
        self.unchanged = unchanged
        self.unchangedCount = unchangedCount
        self.gate = gate
        self.notes = notes
    }

    /// One side of the comparison: the ref as given and the commit it names (both nil: the work tree).
    public struct Side: Sendable, Hashable {
        public var ref: String?
        public var commit: String?

        public init(ref: String?, commit: String?) {
            self.ref = ref
            self.commit = commit
        }

        /// The ref of a head that is the index: what is staged for the next commit.
        public static let staged = "(staged)"

        /// `main (3f9a1c2b4d5e)`, a short commit alone, `staged changes` or `work tree`.
        public var display: String {
            guard let commit else { return ref == Side.staged ? "staged changes" : "work tree" }
            let short = String(commit.prefix(12))
            return ref.map { $0 == commit ? short : "\($0) (\(short))" } ?? short
        }
    }
}
