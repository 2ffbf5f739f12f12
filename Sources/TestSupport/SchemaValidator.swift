import Foundation

/// Validates JSON documents against official JSON schemas with Python's `jsonschema` (installed by `make setup`).
package enum SchemaValidator {
    /// An empty string when `document` is valid, else the first validation errors. The check runs on a
    /// dispatch thread: blocking the cooperative pool while a child process runs can starve parallel tests.
    package static func errors(document: Data, schema: URL) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingErrors(document: document, schema: schema) })
            }
        }
    }

    private static func blockingErrors(document: Data, schema: URL) throws -> String {
        let directory = try Fixtures.makeTemporaryDirectory("schema-check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let documentURL = directory.appendingPathComponent("document.json")
        try document.write(to: documentURL)
        let script = """
            import json, sys
            from jsonschema import validators
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            cls = validators.validator_for(schema)
            errors = sorted(cls(schema).iter_errors(document), key=lambda e: list(e.path))
            for error in errors[:10]:
                print("/".join(str(p) for p in error.path) + ": " + error.message)
            """
        let process = Process()
        // `make setup` installs the validators into the repository's .venv; fall back to python3 on PATH.
        let venv = Fixtures.repositoryRoot.appendingPathComponent(".venv/bin/python3")
        if FileManager.default.isExecutableFile(atPath: venv.path) {
            process.executableURL = venv
            process.arguments = ["-c", script, schema.path, documentURL.path]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, schema.path, documentURL.path]
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 { return "validator failed: \(text)" }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
