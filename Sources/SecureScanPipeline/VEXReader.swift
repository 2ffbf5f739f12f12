import Foundation
import SecureScanCore

/// Reads the VEX documents given to a run (`--vex FILE`, config `vex:`): OpenVEX (0.0.1 and 0.2.0) and
/// CycloneDX VEX (1.4 to 1.6, JSON). A document that cannot be read whole is refused with its path and the
/// line or JSON pointer of the problem; nothing of it is applied.
public enum VEXReader {
    public static func statements(file: String) throws(PipelineError) -> [VEXStatement] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .configUnreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "not readable" : "no such VEX document")
        }
        return try statements(data: data, file: file)
    }

    public static func statements(data: Data, file: String) throws(PipelineError) -> [VEXStatement] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let (line, column) = JSONErrorPosition.locate(error, in: data)
            throw .config(file: file, line: line, column: column, message: "not valid JSON: \(JSONErrorPosition.message(error))")
        }
        guard let document = object as? [String: Any] else {
            throw .config(file: file, line: nil, column: nil, message: "a VEX document is a JSON object (OpenVEX or CycloneDX)")
        }
        let reader = Reader(file: file)
        if let context = document["@context"] as? String {
            return try reader.openVEX(document, context: context)
        }
        if document["bomFormat"] as? String == "CycloneDX" {
            return try reader.cycloneDX(document)
        }
        throw reader.error("", "neither an OpenVEX document ('@context' https://openvex.dev/ns/…) nor a CycloneDX BOM ('bomFormat': 'CycloneDX')")
    }

    struct Reader {
        let file: String

        func error(_ pointer: String, _ message: String) -> PipelineError {
            .config(file: file, line: nil, column: nil, message: (pointer.isEmpty ? "" : pointer + ": ") + message)
        }

        // MARK: OpenVEX

        static let openVEXContexts = ["https://openvex.dev/ns", "https://openvex.dev/ns/v0.2.0", "https://openvex.dev/ns/v0.0.1"]

        func openVEX(_ document: [String: Any], context: String) throws(PipelineError) -> [VEXStatement] {
            guard Self.openVEXContexts.contains(context) else {
                throw error("/@context", "'\(context)' is not an OpenVEX version this reads (\(Self.openVEXContexts.joined(separator: ", ")))")
            }
            guard let list = document["statements"] as? [Any] else { throw error("/statements", "missing or not a list") }
            var statements: [VEXStatement] = []
            for (index, item) in list.enumerated() {
                let pointer = "/statements/\(index)"
                guard let entry = item as? [String: Any] else { throw error(pointer, "not an object") }
                let names = try vulnerabilityNames(entry["vulnerability"], pointer: pointer + "/vulnerability")
                guard let label = entry["status"] as? String else { throw error(pointer + "/status", "missing") }
                guard let status = VEXStatement.Status(rawValue: label) else {
                    throw error(pointer + "/status", "'\(label)' is not one of \(VEXStatement.Status.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                var justification: VEXJustification?
                if let text = entry["justification"] {
                    guard let text = text as? String, let value = VEXJustification(rawValue: text) else {
                        throw error(pointer + "/justification", "'\(entry["justification"]!)' is not one of \(VEXJustification.labels.joined(separator: ", "))")
                    }
                    justification = value
                }
                let impact = entry["impact_statement"] as? String
                if status == .notAffected, justification == nil, impact?.isEmpty ?? true {
                    throw error(pointer, "a not_affected statement needs a justification or an impact_statement")
                }
                var packages = try openVEXPackages(entry["products"], pointer: pointer + "/products")
                // OpenVEX 0.0.1 listed subcomponents beside the products.
                packages += try openVEXPackages(entry["subcomponents"], pointer: pointer + "/subcomponents")
                guard !packages.isEmpty else { throw error(pointer + "/products", "names no package URL (pkg:…)") }
                statements.append(VEXStatement(vulnerabilities: names, packages: packages, status: status, justification: justification,
                                               impact: impact, document: file, pointer: pointer))
            }
            return statements
        }

        func vulnerabilityNames(_ value: Any?, pointer: String) throws(PipelineError) -> [String] {
            if let name = value as? String, !name.isEmpty { return [name] }  // OpenVEX 0.0.1
            guard let object = value as? [String: Any] else { throw error(pointer, "missing, or not an object with a name") }
            var names: [String] = []
            if let name = object["name"] as? String, !name.isEmpty { names.append(name) }
            if let id = object["@id"] as? String, let last = id.split(separator: "/").last { names.append(String(last)) }
            if let aliases = object["aliases"] as? [Any] { names += aliases.compactMap { $0 as? String } }
            guard !names.isEmpty else { throw error(pointer + "/name", "missing") }
            return names
        }

        /// The package URLs of products and their subcomponents: a product with subcomponents is the
        /// software that contains them, so the subcomponents are what findings are matched against.
        func openVEXPackages(_ value: Any?, pointer: String) throws(PipelineError) -> [String] {
            guard let value else { return [] }
            guard let list = value as? [Any] else { throw error(pointer, "not a list") }
            var packages: [String] = []
            for (index, item) in list.enumerated() {
                if let id = item as? String {  // OpenVEX 0.0.1
                    if id.hasPrefix("pkg:") { packages.append(id) }
                    continue
                }
                guard let product = item as? [String: Any] else { throw error("\(pointer)/\(index)", "not an object") }
                let subcomponents = try openVEXPackages(product["subcomponents"], pointer: "\(pointer)/\(index)/subcomponents")
                if !subcomponents.isEmpty {
                    packages += subcomponents
                } else {
                    packages += Self.purls(of: product)
                }
            }
            return packages
        }

        static func purls(of component: [String: Any]) -> [String] {
            var purls: [String] = []
            if let id = component["@id"] as? String, id.hasPrefix("pkg:") { purls.append(id) }
            if let identifiers = component["identifiers"] as? [String: Any], let purl = identifiers["purl"] as? String, !purls.contains(purl) {
                purls.append(purl)
            }
            return purls
        }

        // MARK: CycloneDX

        static let cycloneDXVersions = ["1.4", "1.5", "1.6"]

        func cycloneDX(_ document: [String: Any]) throws(PipelineError) -> [VEXStatement] {
            let version = document["specVersion"] as? String ?? "?"
            guard Self.cycloneDXVersions.contains(version) else {
                throw error("/specVersion", "'\(version)' is not a CycloneDX version with VEX this reads (\(Self.cycloneDXVersions.joined(separator: ", ")))")
            }
            var references: [String: String] = [:]
            func collect(_ components: Any?) {
                for case let component as [String: Any] in (components as? [Any]) ?? [] {
                    if let ref = component["bom-ref"] as? String, let purl = component["purl"] as? String { references[ref] = purl }
                    collect(component["components"])
                }
            }
            collect((document["metadata"] as? [String: Any])?["component"].map { [$0] })
            collect(document["components"])
            guard let list = document["vulnerabilities"] as? [Any] else { throw error("/vulnerabilities", "missing or not a list: not a VEX document") }
            var statements: [VEXStatement] = []
            for (index, item) in list.enumerated() {
                let pointer = "/vulnerabilities/\(index)"
                guard let entry = item as? [String: Any] else { throw error(pointer, "not an object") }
                // A vulnerability without an analysis is a report (VDR), not a statement.
                guard let analysis = entry["analysis"] as? [String: Any] else { continue }
                guard let id = entry["id"] as? String, !id.isEmpty else { throw error(pointer + "/id", "missing") }
                let aliases = ((entry["references"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any])?["id"] as? String }
                guard let state = analysis["state"] as? String else { throw error(pointer + "/analysis/state", "missing") }
                let status: VEXStatement.Status
                switch state {
                case "not_affected", "false_positive": status = .notAffected
                case "resolved", "resolved_with_pedigree": status = .fixed
                case "exploitable": status = .affected
                case "in_triage": status = .underInvestigation
                default: throw error(pointer + "/analysis/state", "'\(state)' is not a CycloneDX analysis state")
                }
                var justification: VEXJustification?
                if let label = analysis["justification"] as? String {
                    guard let value = VEXJustification(cycloneDX: label) else {
                        throw error(pointer + "/analysis/justification", "'\(label)' is not a CycloneDX justification")
                    }
                    justification = value
                }
                var impact = analysis["detail"] as? String
                if state == "false_positive" { impact = "false positive" + (impact.map { ": " + $0 } ?? "") }
                guard let affects = entry["affects"] as? [Any], !affects.isEmpty else { throw error(pointer + "/affects", "missing or empty") }
                var packages: [String] = []
                for (position, affect) in affects.enumerated() {
                    guard let ref = (affect as? [String: Any])?["ref"] as? String else { throw error("\(pointer)/affects/\(position)/ref", "missing") }
                    if let purl = references[ref] {
                        packages.append(purl)
                    } else if ref.hasPrefix("pkg:") {
                        packages.append(ref)
                    } else {
                        throw error("\(pointer)/affects/\(position)/ref", "'\(ref)' is no component of this BOM with a purl")
                    }
                }
                if status == .notAffected, justification == nil, impact == nil { impact = "not affected" }
                statements.append(VEXStatement(vulnerabilities: [id] + aliases, packages: packages, status: status,
                                               justification: justification, impact: impact, document: file, pointer: pointer))
            }
            return statements
        }
    }
}
