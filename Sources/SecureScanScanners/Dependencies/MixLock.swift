import Foundation
import SecureScanCore

/// Elixir's `mix.lock`: `"name": {:hex, :name, "version", "checksum", [...], [deps], "hexpm", "outer"}`.
/// Git and path dependencies (`{:git, …}`) have no registry version and are not components.
enum MixLock {
    static let format = LockfileFormat(id: "mix-lock", matches: { name, _ in name == "mix.lock" }, parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        var components: [Component] = []
        for (number, raw) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("\""), let tupleStart = line.range(of: ": {") else { continue }
            let tuple = line[tupleStart.upperBound...]
            guard tuple.hasPrefix(":hex,") else { continue }
            let fields = tuple.split(separator: ",", maxSplits: 4).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 4 else { throw file.invalid("cannot read the hex entry", line: number + 1) }
            let name = fields[1].trimmingCharacters(in: CharacterSet(charactersIn: ":\""))
            let version = fields[2].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            var hashes: [String: String] = [:]
            let checksum = fields[3].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if checksum.count == 64 { hashes["SHA-256"] = checksum }
            components.append(Component(
                name: name, version: version, purl: PackageURL.make(type: "hex", name: name, version: version), ecosystem: "Hex",
                manifestPath: file.path, hashes: hashes))
        }
        return components.sorted { $0.purl < $1.purl }
    }
}
