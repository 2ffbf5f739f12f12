/// OWASP Top 10 2025. Categories of the 2025 release; CWE lists carried over from the 2021 category each continues (A01 adds SSRF, CWE-918), A03 adds supply-chain CWEs, A10 lists error-handling CWEs.
/// Source: https://owasp.org/Top10/2025/
extension ComplianceFramework {
    static let owaspTop10_2025 = ComplianceFramework(
        id: "owasp-top10-2025", name: "OWASP Top 10", version: "2025",
        source: "https://owasp.org/Top10/2025/",
        controls: [
            ComplianceControl(id: "A01", name: "Broken Access Control",
                              cwes: [22, 23, 35, 59, 200, 201, 219, 264, 275, 276, 284, 285, 352, 359, 377, 402, 425, 441, 497, 538, 540, 548, 552, 566, 601, 639, 651, 668, 706, 862, 863, 913, 918, 922, 1275],
                              rules: []),
            ComplianceControl(id: "A02", name: "Security Misconfiguration",
                              cwes: [2, 11, 13, 15, 16, 260, 315, 520, 526, 537, 541, 547, 611, 614, 756, 776, 942, 1004, 1032, 1174],
                              rules: ["dockerfile:*", "builtin_dast:*", "host-baseline:*"]),
            ComplianceControl(id: "A03", name: "Software Supply Chain Failures",
                              cwes: [477, 937, 1035, 1104, 1357, 1395],
                              rules: ["osv:*", "dependencies:*"]),
            ComplianceControl(id: "A04", name: "Cryptographic Failures",
                              cwes: [261, 296, 310, 319, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 335, 336, 337, 338, 340, 347, 523, 720, 757, 759, 760, 780, 818, 916],
                              rules: []),
            ComplianceControl(id: "A05", name: "Injection",
                              cwes: [20, 74, 75, 77, 78, 79, 80, 83, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 113, 116, 138, 184, 470, 471, 564, 610, 643, 644, 652, 917],
                              rules: []),
            ComplianceControl(id: "A06", name: "Insecure Design",
                              cwes: [73, 183, 209, 213, 235, 256, 257, 266, 269, 280, 311, 312, 313, 316, 419, 430, 434, 444, 451, 472, 501, 522, 525, 539, 579, 598, 602, 642, 646, 650, 653, 656, 657, 799, 807, 840, 841, 927, 1021, 1173],
                              rules: []),
            ComplianceControl(id: "A07", name: "Authentication Failures",
                              cwes: [255, 259, 287, 288, 290, 294, 295, 297, 300, 302, 304, 306, 307, 346, 384, 521, 613, 620, 640, 798, 940, 1216],
                              rules: ["secrets:*"]),
            ComplianceControl(id: "A08", name: "Software or Data Integrity Failures",
                              cwes: [345, 353, 426, 494, 502, 565, 784, 829, 830, 915],
                              rules: []),
            ComplianceControl(id: "A09", name: "Security Logging and Alerting Failures",
                              cwes: [117, 223, 532, 778],
                              rules: []),
            ComplianceControl(id: "A10", name: "Mishandling of Exceptional Conditions",
                              cwes: [209, 234, 248, 252, 274, 280, 390, 391, 394, 396, 397, 460, 476, 636, 703, 754, 755, 756],
                              rules: []),
        ])
}
