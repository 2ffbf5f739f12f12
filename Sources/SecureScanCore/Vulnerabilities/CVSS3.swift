/// CVSS v3.0 and v3.1 base scores (FIRST CVSS v3.1 specification, §7.1 and Appendix A).
enum CVSS3 {
    static func score(_ vector: String) -> Double? {
        guard let metrics = CVSSScore.metrics(vector),
              let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][metrics["AV"] ?? ""],
              let ac = ["L": 0.77, "H": 0.44][metrics["AC"] ?? ""],
              let ui = ["N": 0.85, "R": 0.62][metrics["UI"] ?? ""],
              let scope = metrics["S"], scope == "U" || scope == "C",
              let c = impact(metrics["C"]), let i = impact(metrics["I"]), let a = impact(metrics["A"])
        else { return nil }
        let changed = scope == "C"
        guard let pr = (changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[metrics["PR"] ?? ""] else { return nil }
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02) : 6.42 * iss
        guard impact > 0 else { return 0 }
        let exploitability = 8.22 * av * ac * pr * ui
        let raw = changed ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return vector.hasPrefix("CVSS:3.0/") ? roundUp30(raw) : roundUp31(raw)
    }

    private static func impact(_ value: String?) -> Double? {
        ["H": 0.56, "L": 0.22, "N": 0][value ?? ""]
    }

    private static func pow15(_ x: Double) -> Double {
        var result = 1.0
        for _ in 0..<15 { result *= x }
        return result
    }

    /// v3.1 Roundup: the smallest one-decimal number ≥ the input, immune to floating-point noise.
    static func roundUp31(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        if scaled % 10_000 == 0 { return Double(scaled) / 100_000 }
        return Double(scaled / 10_000 + 1) / 10
    }

    /// v3.0 Roundup: ceiling to one decimal.
    static func roundUp30(_ value: Double) -> Double {
        (value * 10).rounded(.up) / 10
    }
}
