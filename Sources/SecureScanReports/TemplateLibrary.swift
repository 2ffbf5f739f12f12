import Foundation
import Mustache

/// The Mustache report templates, loaded from a directory (the repository's `templates/`, an installed
/// copy, or the user's `--templates DIR`).
public struct TemplateLibrary: Sendable {
    private let library: MustacheLibrary
    public let directory: String

    /// Loads every `*.mustache` file under `directory`; each is named by its path without the extension.
    public static func load(from directory: String) async throws(ReportsError) -> TemplateLibrary {
        do {
            return TemplateLibrary(library: try await MustacheLibrary(directory: directory), directory: directory)
        } catch let error as MustacheLibrary.ParserError {
            throw .templateInvalid(file: error.filename, reason: String(describing: error.error))
        } catch {
            throw .templateInvalid(file: directory, reason: String(describing: error))
        }
    }

    /// The first directory holding the built-in templates among the usual places: next to the executable,
    /// an installed `share/securescan/templates`, or a `templates/` folder above the executable (a checkout).
    public static func locate(executable: String) -> String? {
        candidates(executable: executable).first { FileManager.default.fileExists(atPath: $0 + "/summary.md.mustache") }
    }

    public static func candidates(executable: String) -> [String] {
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        var paths = [directory.appendingPathComponent("templates").path,
                     directory.deletingLastPathComponent().appendingPathComponent("share/securescan/templates").path]
        for _ in 0..<6 {
            directory.deleteLastPathComponent()
            paths.append(directory.appendingPathComponent("templates").path)
        }
        return paths
    }

    /// Renders `object` (a value whose stored properties the template reads) with the template `name`.
    func render(_ object: Any, template name: String) throws(ReportsError) -> String {
        guard library.getTemplate(named: name) != nil, let text = library.render(object, withTemplate: name) else {
            throw .templateMissing(name: name, directory: directory)
        }
        return text
    }
}
