/// Why a product is not affected by a vulnerability: OpenVEX's five justification labels (the same as
/// CISA's "Vulnerability Exploitability eXchange (VEX) – Status Justifications").
public enum VEXJustification: String, Sendable, Hashable, Codable, CaseIterable {
    case componentNotPresent = "component_not_present"
    case vulnerableCodeNotPresent = "vulnerable_code_not_present"
    case vulnerableCodeNotInExecutePath = "vulnerable_code_not_in_execute_path"
    case vulnerableCodeCannotBeControlledByAdversary = "vulnerable_code_cannot_be_controlled_by_adversary"
    case inlineMitigationsAlreadyExist = "inline_mitigations_already_exist"

    /// The CycloneDX `analysis.justification` that says the same (CycloneDX's labels are finer; each
    /// OpenVEX label maps to the one that implies it).
    public var cycloneDX: String {
        switch self {
        case .componentNotPresent, .vulnerableCodeNotPresent: "code_not_present"
        case .vulnerableCodeNotInExecutePath: "code_not_reachable"
        case .vulnerableCodeCannotBeControlledByAdversary: "requires_environment"
        case .inlineMitigationsAlreadyExist: "protected_by_mitigating_control"
        }
    }

    /// The OpenVEX label a CycloneDX `analysis.justification` reads as.
    public init?(cycloneDX label: String) {
        switch label {
        case "code_not_present": self = .vulnerableCodeNotPresent
        case "code_not_reachable": self = .vulnerableCodeNotInExecutePath
        case "requires_configuration", "requires_dependency", "requires_environment": self = .vulnerableCodeCannotBeControlledByAdversary
        case "protected_by_compiler", "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control":
            self = .inlineMitigationsAlreadyExist
        default: return nil
        }
    }

    public static var labels: [String] { allCases.map(\.rawValue) }
}
