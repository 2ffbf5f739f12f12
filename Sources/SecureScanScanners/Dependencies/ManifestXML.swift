import SecureScanCore
import SecureScanXML

/// XML manifests (pom.xml, packages.config, *.props) read into element trees; a malformed file's error
/// names the line libxml2 stopped at.
enum ManifestXML {
    static func parse(_ file: ManifestFile) throws(ScannersError) -> XMLTree {
        do {
            return try XMLReader.parse(Array(file.text.utf8))
        } catch {
            switch error {
            case .malformed(let line, let reason): throw file.invalid("invalid XML: \(reason)", line: line)
            case .schema(_, let reason): throw file.invalid("invalid XML: \(reason)")
            }
        }
    }
}
