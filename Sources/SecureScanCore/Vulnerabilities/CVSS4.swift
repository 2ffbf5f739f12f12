/// CVSS v4.0 scores (FIRST CVSS v4.0 specification, §8): the vector's MacroVector score from the
/// reference table, lowered by its mean proportional distance to the next lower MacroVectors.
/// Threat and environmental metrics are honoured; unset ones take the spec's worst-case defaults.
enum CVSS4 {
    static let base = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]

    static let allowed: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"], "UI": ["N", "P", "A"],
        "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"], "SC": ["H", "L", "N"], "SI": ["H", "L", "N"],
        "SA": ["H", "L", "N"], "E": ["X", "A", "P", "U"], "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"],
        "AR": ["X", "H", "M", "L"], "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"],
        "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "P", "A"], "MVC": ["X", "H", "L", "N"], "MVI": ["X", "H", "L", "N"],
        "MVA": ["X", "H", "L", "N"], "MSC": ["X", "H", "L", "N"], "MSI": ["X", "S", "H", "L", "N"], "MSA": ["X", "S", "H", "L", "N"],
        "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"], "V": ["X", "D", "C"],
        "RE": ["X", "L", "M", "H"], "U": ["X", "Clear", "Green", "Amber", "Red"],
    ]

    static let levels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3], "PR": ["N": 0.0, "L": 0.1, "H": 0.2], "UI": ["N": 0.0, "P": 0.1, "A": 0.2],
        "AC": ["L": 0.0, "H": 0.1], "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2], "VI": ["H": 0.0, "L": 0.1, "N": 0.2], "VA": ["H": 0.0, "L": 0.1, "N": 0.2],
        "SC": ["H": 0.1, "L": 0.2, "N": 0.3], "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3], "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "CR": ["H": 0.0, "M": 0.1, "L": 0.2], "IR": ["H": 0.0, "M": 0.1, "L": 0.2], "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "E": ["U": 0.2, "P": 0.1, "A": 0.0],
    ]

    static func score(_ vector: String) -> Double? {
        guard let metrics = CVSSScore.metrics(vector), base.allSatisfy({ metrics[$0] != nil }),
              metrics.allSatisfy({ allowed[$0.key]?.contains($0.value) == true }) else { return nil }
        /// The effective value: modified metrics override base ones; E, CR, IR, AR default to the worst case.
        func m(_ metric: String) -> String {
            let selected = metrics[metric] ?? "X"
            if metric == "E", selected == "X" { return "A" }
            if ["CR", "IR", "AR"].contains(metric), selected == "X" { return "H" }
            if let modified = metrics["M" + metric], modified != "X" { return modified }
            return selected
        }
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ m($0) == "N" }) { return 0 }

        let eq1 = m("AV") == "N" && m("PR") == "N" && m("UI") == "N" ? 0
            : (m("AV") == "N" || m("PR") == "N" || m("UI") == "N") && m("AV") != "P" ? 1 : 2
        let eq2 = m("AC") == "L" && m("AT") == "N" ? 0 : 1
        let eq3 = m("VC") == "H" && m("VI") == "H" ? 0 : (m("VC") == "H" || m("VI") == "H" || m("VA") == "H") ? 1 : 2
        let eq4 = m("MSI") == "S" || m("MSA") == "S" ? 0 : (m("SC") == "H" || m("SI") == "H" || m("SA") == "H") ? 1 : 2
        let eq5 = ["A": 0, "P": 1, "U": 2][m("E")]!
        let eq6 = (m("CR") == "H" && m("VC") == "H") || (m("IR") == "H" && m("VI") == "H") || (m("AR") == "H" && m("VA") == "H") ? 0 : 1
        func key(_ levels: [Int]) -> String { levels.map(String.init).joined() }
        guard let value = CVSS4Data.lookup[key([eq1, eq2, eq3, eq4, eq5, eq6])] else { return nil }

        let lowerEQ1 = CVSS4Data.lookup[key([eq1 + 1, eq2, eq3, eq4, eq5, eq6])]
        let lowerEQ2 = CVSS4Data.lookup[key([eq1, eq2 + 1, eq3, eq4, eq5, eq6])]
        let lowerEQ3EQ6: Double?
        switch (eq3, eq6) {
        case (1, 1), (0, 1): lowerEQ3EQ6 = CVSS4Data.lookup[key([eq1, eq2, eq3 + 1, eq4, eq5, eq6])]
        case (1, 0): lowerEQ3EQ6 = CVSS4Data.lookup[key([eq1, eq2, eq3, eq4, eq5, eq6 + 1])]
        case (0, 0):
            let left = CVSS4Data.lookup[key([eq1, eq2, eq3, eq4, eq5, eq6 + 1])]
            let right = CVSS4Data.lookup[key([eq1, eq2, eq3 + 1, eq4, eq5, eq6])]
            lowerEQ3EQ6 = [left, right].compactMap { $0 }.max()
        default: lowerEQ3EQ6 = CVSS4Data.lookup[key([eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1])]
        }
        let lowerEQ4 = CVSS4Data.lookup[key([eq1, eq2, eq3, eq4 + 1, eq5, eq6])]
        let lowerEQ5 = CVSS4Data.lookup[key([eq1, eq2, eq3, eq4, eq5 + 1, eq6])]

        // The highest-severity vector of this MacroVector that the scored vector does not exceed anywhere.
        var candidates: [String] = [""]
        for options in [CVSS4Data.maxComposed["eq1"]!["\(eq1)"]!, CVSS4Data.maxComposed["eq2"]!["\(eq2)"]!,
                        CVSS4Data.maxComposedEQ3EQ6["\(eq3)\(eq6)"]!, CVSS4Data.maxComposed["eq4"]!["\(eq4)"]!,
                        CVSS4Data.maxComposed["eq5"]!["\(eq5)"]!] {
            candidates = candidates.flatMap { prefix in options.map { prefix + $0 } }
        }
        let distanceMetrics = ["AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"]
        var distance: [String: Double] = [:]
        for candidate in candidates {
            let maxima = CVSSScore.metrics("CVSS:4.0/" + candidate.dropLast()) ?? [:]
            var current: [String: Double] = [:]
            for metric in distanceMetrics {
                current[metric] = (levels[metric]?[m(metric)] ?? 0) - (levels[metric]?[maxima[metric] ?? ""] ?? 0)
            }
            distance = current
            if current.values.allSatisfy({ $0 >= -1e-9 }) { break }
        }
        let step = 0.1
        let parts: [(lower: Double?, current: Double, depth: Double)] = [
            (lowerEQ1, distance["AV"]! + distance["PR"]! + distance["UI"]!, CVSS4Data.maxSeverity["eq1"]!["\(eq1)"]! * step),
            (lowerEQ2, distance["AC"]! + distance["AT"]!, CVSS4Data.maxSeverity["eq2"]!["\(eq2)"]! * step),
            (lowerEQ3EQ6, ["VC", "VI", "VA", "CR", "IR", "AR"].reduce(0) { $0 + distance[$1]! },
             CVSS4Data.maxSeverity["eq3eq6"]!["\(eq3)\(eq6)"]! * step),
            (lowerEQ4, distance["SC"]! + distance["SI"]! + distance["SA"]!, CVSS4Data.maxSeverity["eq4"]!["\(eq4)"]! * step),
            (lowerEQ5, 0, CVSS4Data.maxSeverity["eq5"]!["\(eq5)"]! * step),
        ]
        var total = 0.0
        var existing = 0
        for part in parts {
            guard let lower = part.lower else { continue }
            existing += 1
            total += (value - lower) * (part.current / part.depth)
        }
        let adjusted = min(max(value - (existing == 0 ? 0 : total / Double(existing)), 0), 10)
        // Half-up to one decimal, with the reference calculator's 1e-6 guard against floating-point error
        // (a computed 5.6499999999 is 5.65 and rounds to 5.7).
        return ((adjusted + 1e-6) * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}
