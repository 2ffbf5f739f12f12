import HTTPTypes
import SecureScanCore

/// The OpenAPI 3.1 document of the server, generated from the same endpoint list the router is built
/// from. Every API operation appears twice: under `/api/v1` and, marked deprecated, under `/api`.
enum OpenAPIDocument {
    static let legacyPrefix = "/api"
    static let currentPrefix = "/api/v1"

    static func build(_ endpoints: [Endpoint], version: String) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for endpoint in endpoints {
            let mounts: [(prefix: String, legacy: Bool)] = endpoint.atRoot ? [("", false)] : [(currentPrefix, false), (legacyPrefix, true)]
            for mount in mounts {
                paths[mount.prefix + endpoint.path, default: [:]][endpoint.method.rawValue.lowercased()] = operation(endpoint, legacy: mount.legacy)
            }
        }
        let tags: [JSONValue] = [
            ("service", "Root, health, readiness and this document."), ("scans", "Scans, their findings, reports, SBOMs and event streams."),
            ("triage", "Verdicts and comments on findings, by fingerprint."), ("keys", "API keys (admin)."),
            ("webhooks", "Outbound webhooks (admin)."), ("notifications", "Dashboard notifications."),
            ("dashboard", "Scanner status, statistics, trends, directory browsing, installs."), ("compliance", "Compliance coverage per run."),
            ("runs", "Runs published by CI runners (`--publish`), judged against the central history."),
        ].map { ["name": .string($0.0), "description": .string($0.1)] }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "SecureScan", "version": .string(version),
                "description": "Security-audit pipeline: scans, normalized fingerprinted findings, diffs between runs, triage, SBOMs, compliance coverage and signed evidence. Legacy `/api/...` paths answer like `/api/v1/...` with `Deprecation`, `Sunset` and `Link` headers. List endpoints return a JSON array; when more items exist, `X-Next-Cursor` (and `Link: rel=\"next\"`) give the next page's `cursor`.",
                "license": ["name": "Apache-2.0", "identifier": "Apache-2.0"],
            ],
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "servers": [["url": "/"]],
            "tags": .array(tags),
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": [
                "schemas": .object(Schemas.all.mapValues(\.json)),
                "securitySchemes": [
                    "ApiKeyHeader": ["type": "apiKey", "in": "header", "name": "X-API-Key",
                                     "description": "A key `ssk_<id>_<secret>` from `securescan keys create`, or SECURESCAN_API_KEY. Scopes are hierarchical: read ⊂ write ⊂ admin."],
                    "BearerKey": ["type": "http", "scheme": "bearer", "description": "The same key as `Authorization: Bearer <key>`."],
                ],
            ],
        ]
    }

    static func operation(_ endpoint: Endpoint, legacy: Bool) -> JSONValue {
        var operation: [String: JSONValue] = [
            "operationId": .string(endpoint.operationID + (legacy ? "Legacy" : "")), "tags": [.string(endpoint.tag)],
            "summary": .string(endpoint.summary),
        ]
        var description = endpoint.description
        if endpoint.access != .open { description += (description.isEmpty ? "" : "\n\n") + "Scope: `\(endpoint.scopeName)`." }
        if endpoint.mutates { description += " Refused with 405 by a read-only server." }
        if legacy { description += " Deprecated: use `\(currentPrefix)\(endpoint.path)`." }
        if !description.isEmpty { operation["description"] = .string(description) }
        if legacy { operation["deprecated"] = true }
        operation["x-scope"] = .string(endpoint.access == .open ? "none" : endpoint.access == .authenticated ? "any" : endpoint.scopeName)
        if endpoint.mutates { operation["x-mutates"] = true }
        switch endpoint.access {
        case .open: operation["security"] = []
        case .authenticated, .scope:
            var schemes: [JSONValue] = [["ApiKeyHeader": []], ["BearerKey": []]]
            if endpoint.acceptsEventToken { schemes.append([:]) }
            operation["security"] = .array(schemes)
        }
        if !endpoint.parameters.isEmpty {
            operation["parameters"] = .array(endpoint.parameters.map { parameter in
                ["name": .string(parameter.name), "in": .string(parameter.location.rawValue), "required": .bool(parameter.required),
                 "description": .string(parameter.description), "schema": parameter.schema.json]
            })
        }
        if let body = endpoint.requestBody {
            operation["requestBody"] = ["required": .bool(endpoint.requestBodyRequired), "content": ["application/json": ["schema": body.json]]]
        }
        var responses: [String: JSONValue] = [:]
        for answer in endpoint.allAnswers {
            var response: [String: JSONValue] = ["description": .string(answer.description)]
            if let content = answer.content {
                response["content"] = .object(content.mapValues { ["schema": $0.json] })
            }
            var headers = answer.headers
            if legacy {
                headers["Deprecation"] = "`true`: this path is deprecated."
                headers["Sunset"] = "When this path goes away."
                headers["Link"] = "The successor path (`rel=\"successor-version\"`)."
            }
            if !headers.isEmpty {
                response["headers"] = .object(headers.mapValues { ["description": .string($0), "schema": ["type": "string"]] })
            }
            if !answer.links.isEmpty {
                response["links"] = .object(Dictionary(uniqueKeysWithValues: answer.links.map { operationID, parameters in
                    (operationID, ["operationId": .string(operationID + (legacy ? "Legacy" : "")), "parameters": .object(parameters.mapValues(JSONValue.string))])
                }))
            }
            responses[String(answer.status)] = .object(response)
        }
        operation["responses"] = .object(responses)
        return .object(operation)
    }
}
