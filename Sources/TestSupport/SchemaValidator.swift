import Foundation

/// Validates JSON documents against official JSON schemas with Python's `jsonschema`. Schemas next to the
/// main one (CycloneDX's `spdx.schema.json`, `jsf-0.82.schema.json`) are registered under their file names
/// and `$id`s, so `$ref`s resolve offline.
package enum SchemaValidator {
    /// An empty string when `document` is valid, else the first validation errors.
    package static func errors(document: Data, schema: URL) async throws -> String {
        let directory = try Fixtures.makeTemporaryDirectory("schema-check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let documentURL = directory.appendingPathComponent("document.json")
        try document.write(to: documentURL)
        let script = """
            import json, os, sys
            from jsonschema import validators
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT7
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            registry = Registry()
            folder = os.path.dirname(sys.argv[1])
            for name in sorted(os.listdir(folder)):
                if name.endswith(".json"):
                    contents = json.load(open(os.path.join(folder, name)))
                    resource = Resource.from_contents(contents, default_specification=DRAFT7)
                    registry = registry.with_resource(name, resource)
                    if "$id" in contents:
                        registry = registry.with_resource(contents["$id"], resource)
            cls = validators.validator_for(schema)
            errors = sorted(cls(schema, registry=registry).iter_errors(document), key=lambda e: list(e.path))
            for error in errors[:10]:
                print("/".join(str(p) for p in error.path) + ": " + error.message)
            """
        let result = try await PythonTool.run(["-c", script, schema.path, documentURL.path])
        if result.status != 0 { return "validator failed: \(result.output)" }
        return result.output
    }
}
