extension Duration {
    /// Whole milliseconds, rounded down (durations in reports, logs and events).
    public var milliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
