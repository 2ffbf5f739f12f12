import Foundation
import Hummingbird
import SecureScanCore
import SecureScanScanners
import SecureScanStore

/// `/dashboard`: scanner status with versions, statistics, trends, the directory picker (inside the
/// server's roots only) and scanner installs.
struct DashboardController {
    let services: ServerServices
    let scanners: [any ScannerAdapter]

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/dashboard/status", access: .scope(.read), id: "getScannerStatus", tag: "dashboard",
                     summary: "Every scanner: available, version, install hint", answers: [.json(200, "The scanners.", .ref("DashboardStatus"))],
                     handler: status),
            Endpoint(.get, "/dashboard/stats", access: .scope(.read), id: "getStats", tag: "dashboard", summary: "Aggregate counts",
                     answers: [.json(200, "The statistics.", .ref("Stats"))], handler: stats),
            Endpoint(.get, "/dashboard/trends", access: .scope(.read), id: "getTrends", tag: "dashboard",
                     summary: "Open findings and risk per day: each target's latest state that day, summed (risk: the highest)",
                     parameters: [.query("days", .integer(minimum: 1, maximum: 365), "Days back from today (default 30)."),
                                  .query("target", .string(length: 1...200), "One target only.")],
                     answers: [.json(200, "One point per day.", .ref("Trends"))], handler: trends),
            Endpoint(.get, "/dashboard/browse", access: .scope(.read), id: "browse", tag: "dashboard",
                     summary: "Directories and project files under one of the server's roots, for choosing a scan target",
                     parameters: [.query("path", .example(.string(length: 1...4096), "."),
                                         "A directory inside a root: absolute, or relative to the roots (`.` is the first root, the default).")],
                     answers: [.json(200, "The directory's entries.", .ref("Browse")), .json(400, "Not an existing directory.", .ref("Error")),
                               .json(403, "Outside the server's roots, or not readable.", .ref("Error"))],
                     handler: browse),
            Endpoint(.post, "/dashboard/install/{scanner}", access: .scope(.admin), id: "installScanner", tag: "dashboard",
                     summary: "Install an external scanner with its pinned package",
                     parameters: [.path("scanner", "An external scanner that can be installed automatically (others are 404).",
                                        schema: .values(scanners.filter { !$0.isBuiltIn && $0.installPlan != nil }.map(\.id).sorted()))],
                     answers: [.json(200, "The install's outcome.", .ref("InstallResult")),
                               .json(400, "The scanner is built in or cannot be installed automatically.", .ref("Error"))],
                     handler: install),
        ]
    }

    func status(_ request: Request, context: APIContext) async throws -> Response {
        var entries: [JSONValue] = []
        for scanner in scanners {
            let availability = await scanner.availability()
            var available = false, version: String?, hint: String?, message: String
            switch availability {
            case .available(let found):
                available = true
                version = found
                message = "\(scanner.id) is available"
            case .unavailable(let reason, let installHint):
                hint = installHint
                message = "\(scanner.id) is not available: \(reason). \(installHint)"
            }
            entries.append([
                "name": .string(scanner.id), "scan_type": .string(scanner.scanType.rawValue), "available": .bool(available),
                "version": .optional(version), "message": .string(message), "description": .string(scanner.summary),
                "checks": .strings([scanner.summary]), "install_hint": .optional(available ? nil : hint ?? scanner.installPlan?.hint),
                "installable": .bool(scanner.installPlan != nil && !services.configuration.readOnly), "builtin": .bool(scanner.isBuiltIn),
            ])
        }
        return Response.json(["scanners": .array(entries), "checked_at": .string(services.timestamp)])
    }

    func stats(_ request: Request, context: APIContext) async throws -> Response {
        let stats = try stored { () throws(StoreError) in try services.store.statistics() }
        return Response.json([
            "total_scans": .int(stats.totalScans), "completed_scans": .int(stats.completedScans), "total_findings": .int(stats.totalFindings),
            "average_risk_score": stats.averageRiskScore.map(JSONValue.double) ?? .null, "targets": .int(stats.targets),
            "scans_by_status": .object(Dictionary(uniqueKeysWithValues: ScanStatus.allCases.map { ($0.rawValue, .int(stats.scansByStatus[$0] ?? 0)) })),
            "open_findings_latest": Representation.counts(stats.latestOpen),
        ])
    }

    func trends(_ request: Request, context: APIContext) async throws -> Response {
        let query = QueryReader(request)
        let days = try query.integer("days", range: 1...365, default: 30)
        let target = query.string("target")
        let today = ServerTime.timestamp(services.now()).prefix(10)
        let calendar = { () -> Calendar in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar
        }()
        let end = ServerTime.date(today + "T00:00:00Z")!
        let dates = (0..<days).reversed().map { String(ServerTime.timestamp(calendar.date(byAdding: .day, value: -$0, to: end)!).prefix(10)) }
        let runs = try stored { () throws(StoreError) in try services.store.runsForTrend(since: dates[0] + "T00:00:00Z", target: target) }
        // Walk the days, carrying each target's latest run forward; runs are oldest first.
        var latest: [String: RunSummary] = [:]
        var index = 0
        var points: [JSONValue] = []
        for date in dates {
            var scansThatDay = 0
            while index < runs.count, runs[index].finishedAt.prefix(10) <= date {
                if runs[index].finishedAt.prefix(10) == date { scansThatDay += 1 }
                latest[runs[index].target] = runs[index]
                index += 1
            }
            guard !latest.isEmpty else { continue }
            var counts = SeverityCounts()
            for run in latest.values {
                counts.critical += run.counts.critical
                counts.high += run.counts.high
                counts.medium += run.counts.medium
                counts.low += run.counts.low
                counts.info += run.counts.info
            }
            points.append([
                "date": .string(date), "risk_score": .double(latest.values.map(\.riskScore).max() ?? 0), "total_findings": .int(counts.total),
                "critical": .int(counts.critical), "high": .int(counts.high), "medium": .int(counts.medium), "low": .int(counts.low),
                "info": .int(counts.info), "scans": .int(scansThatDay), "targets": .int(latest.count),
            ])
        }
        return Response.json(["data": .array(points), "target": .optional(target), "days": .int(days)])
    }

    static let skippedDirectories: Set<String> = ["node_modules", "venv", ".venv", "__pycache__", ".next", "dist", "build", ".build"]
    static let projectFiles: Set<String> = [
        "package.json", "pyproject.toml", "requirements.txt", "Cargo.toml", "go.mod", "Gemfile", "pom.xml", "build.gradle",
        "Package.swift", "composer.json", "Makefile", "Dockerfile", "securescan.yml",
    ]

    func browse(_ request: Request, context: APIContext) async throws -> Response {
        let roots = services.roots
        let requested = QueryReader(request).string("path") ?? roots[0]
        let url = services.underRoots(requested)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ServerError.badRequest("Invalid or non-existent path: \(requested)")
        }
        guard isDirectory.boolValue else { throw ServerError.badRequest("Path is not a directory: \(requested)") }
        let current = url.resolvingSymlinksInPath().path
        func inside(_ path: String) -> Bool { roots.contains { path == $0 || path.hasPrefix($0 == "/" ? "/" : $0 + "/") } }
        guard inside(current) else {
            throw ServerError.forbidden("\(requested) is outside the server's roots (\(roots.joined(separator: ", ")))")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else {
            throw ServerError.forbidden("Permission denied: \(current)")
        }
        var directories: [JSONValue] = [], files: [JSONValue] = []
        for name in names.sorted(by: { $0.lowercased() < $1.lowercased() }) {
            let path = current == "/" ? "/" + name : current + "/" + name
            var entryIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &entryIsDirectory) else { continue }
            if entryIsDirectory.boolValue {
                guard !(name.hasPrefix(".") && name != ".git"), !Self.skippedDirectories.contains(name) else { continue }
                directories.append(["name": .string(name), "path": .string(path), "is_dir": true])
            } else if Self.projectFiles.contains(name) {
                files.append(["name": .string(name), "path": .string(path), "is_dir": false])
            }
        }
        let parent = URL(fileURLWithPath: current).deletingLastPathComponent().path
        return Response.json([
            "current": .string(current), "parent": current != "/" && inside(parent) ? .string(parent) : .null,
            "entries": .array(Array((directories + files).prefix(100))), "roots": .strings(roots),
        ])
    }

    func install(_ request: Request, context: APIContext) async throws -> Response {
        let id = context.pathParameter("scanner")
        guard let scanner = scanners.first(where: { $0.id == id }) else {
            throw ServerError.notFound("unknown scanner '\(id)' (known: \(scanners.map(\.id).joined(separator: ", ")))")
        }
        if scanner.isBuiltIn { throw ServerError.badRequest("Scanner '\(id)' is built in: there is nothing to install") }
        guard let plan = scanner.installPlan else {
            throw ServerError.badRequest("Scanner '\(id)' cannot be auto-installed. Install it manually.")
        }
        let result = await ScannerInstaller().install(plan)
        return Response.json(["success": .bool(result.success), "message": .string(result.message), "output": .optional(result.output)])
    }
}
