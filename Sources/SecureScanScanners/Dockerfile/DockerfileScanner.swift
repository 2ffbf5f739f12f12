import SecureScanCore

/// `dockerfile`: misconfigurations in Dockerfiles and Containerfiles, from a real parse of each file
/// (continuations, heredocs, stages, exec and shell forms, shell commands split and unquoted).
public struct DockerfileScanner: ScannerAdapter {
    public let id = "dockerfile"
    public let scanType = ScanType.iac
    public let summary = "Dockerfile checks: \(DockerfileRules.all.count) built-in rules (base images, users, package signatures, TLS, secrets)"

    let rules: [DockerfileRule]

    public init() { self.init(rules: DockerfileRules.all) }

    init(rules: [DockerfileRule]) { self.rules = rules }

    public func availability() async -> ScannerAvailability {
        .available(version: "\(ToolInfo.current.version)+rules.\(DockerfileRules.version)")
    }

    /// `Dockerfile`, `Containerfile`, `Dockerfile.<suffix>`, `<prefix>.Dockerfile`, `*.dockerfile`.
    static func isDockerfile(_ name: Substring) -> Bool {
        let lowered = name.lowercased()
        return lowered == "dockerfile" || lowered == "containerfile" || lowered.hasPrefix("dockerfile.")
            || lowered.hasPrefix("containerfile.") || lowered.hasSuffix(".dockerfile") || lowered.hasSuffix(".containerfile")
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        var observations = Observations()
        let reader = FileReader()
        for file in target.tree.files where DockerfileScanner.isDockerfile(file.name) {
            try Task.checkCancellation()
            switch reader.read(file, under: target.root) {
            case .binary:
                observations.notes.append("\(file.path) looks binary; not parsed as a Dockerfile")
            case .unreadable(let reason):
                observations.notes.append("\(file.path) could not be read: \(reason)")
            case .text(let bytes):
                let text = String(decoding: bytes, as: UTF8.self)
                observations.findings += findings(in: DockerfileModel(path: file.path, text: text))
            }
        }
        return observations
    }

    /// Every rule's hits in one file, as drafts. Equal resources in one file are numbered so they stay distinct.
    func findings(in model: DockerfileModel) -> [Finding.Draft] {
        var drafts: [Finding.Draft] = []
        for rule in rules {
            var seen: [String: Int] = [:]
            for hit in rule.check(model) {
                let count = seen[hit.resource, default: 0]
                seen[hit.resource] = count + 1
                let resource = count == 0 ? hit.resource : "\(hit.resource)#\(count)"
                let location = hit.instruction.map { Location(path: model.path, startLine: $0.startLine, endLine: $0.endLine) }
                    ?? Location(path: model.path)
                var properties = ["resource": resource]
                for (tool, equivalent) in rule.equivalents { properties["equivalent.\(tool)"] = equivalent }
                drafts.append(Finding.Draft(
                    ruleID: rule.findingRuleID, severity: rule.severity, title: rule.title,
                    description: rule.description + (hit.detail.map { " (\($0).)" } ?? ""),
                    location: location, identity: .iac(resource: resource), cwes: rule.cwes,
                    remediation: rule.remediation, evidence: hit.evidence.isEmpty ? nil : String(hit.evidence.prefix(300)),
                    properties: properties))
            }
        }
        return drafts
    }
}
