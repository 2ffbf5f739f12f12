/// One fuzz target: a parser of untrusted bytes, and where its seed inputs come from.
public struct FuzzTarget: Sendable {
    /// The name `make fuzz` and `securescan-fuzz` use, and the folder of its regression cases.
    public let name: String
    /// What it parses, for `securescan-fuzz list` and docs/robustness.md.
    public let summary: String
    /// Folders under `fixtures/` whose files seed the corpus (recursively).
    public let seedFolders: [String]
    /// The seed inputs made of one fixture file (its path under `fixtures/`, and its bytes); none to leave
    /// it out. Targets that choose a parser by the first byte prefix the file with the byte that chooses it.
    public let seed: @Sendable (_ path: String, _ bytes: [UInt8]) -> [[UInt8]]
    /// Seeds written here, for inputs no fixture holds alone (a CVSS vector, a license expression).
    public let inlineSeeds: [String]
    /// Parses one input. Must not crash, hang or leak on any input.
    public let run: @Sendable (_ bytes: [UInt8]) -> Void
    /// For a target whose first byte chooses among parsers: how many there are (a regression case is
    /// replayed through each, so adding a parser never lets an old case go untested); 0 otherwise.
    public let choices: Int

    public init(
        name: String, summary: String, seedFolders: [String] = [], inlineSeeds: [String] = [], choices: Int = 0,
        seed: @escaping @Sendable (_ path: String, _ bytes: [UInt8]) -> [[UInt8]] = { _, bytes in [bytes] },
        run: @escaping @Sendable (_ bytes: [UInt8]) -> Void
    ) {
        self.name = name
        self.summary = summary
        self.seedFolders = seedFolders
        self.seed = seed
        self.inlineSeeds = inlineSeeds
        self.choices = choices
        self.run = run
    }
}

extension FuzzTarget {
    /// Runs a saved input the way the regression tests do: as it is, and for a choosing target, its body
    /// through every parser.
    public func replay(_ bytes: [UInt8]) {
        run(bytes)
        guard choices > 0, !bytes.isEmpty else { return }
        for choice in 0..<choices { run(SelectedInput.seed(choice, Array(bytes.dropFirst()))) }
    }
}

/// The input split into the byte that chooses a parser and the rest.
struct SelectedInput {
    let choice: Int
    let body: [UInt8]

    init?(_ bytes: [UInt8], choices: Int) {
        guard let first = bytes.first, choices > 0 else { return nil }
        choice = Int(first) % choices
        body = Array(bytes.dropFirst())
    }

    /// A seed for parser `choice`: the choosing byte, then the file.
    static func seed(_ choice: Int, _ bytes: [UInt8]) -> [UInt8] { [UInt8(truncatingIfNeeded: choice)] + bytes }
}
