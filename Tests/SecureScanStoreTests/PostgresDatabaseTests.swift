import Foundation
import Testing
import TestSupport
@testable import SecureScanStore

/// The PostgreSQL store's connection and schema, against a real server started for the suite's tests:
/// the same named migrations as SQLite, applied once however many processes open it at once; a server
/// that cannot be reached, a refused login and a newer schema each a message naming the server, never
/// the password.
@Suite(.serialized) struct PostgresDatabaseTests {
    static func location(_ cluster: PostgresCluster, password: String? = nil, port: Int? = nil) throws -> PostgresLocation {
        var environment = ["HOME": "/nonexistent"]
        environment["PGPASSWORD"] = password ?? cluster.password
        var location = try PostgresLocation(url: cluster.url, fromEnvironment: false, environment: environment)
        if let port { location.port = port }
        return location
    }

    @Test func theSchemaHasTheSameNamedMigrationsAsSQLiteAppliedOnce() async throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.stop() }
        let location = try Self.location(cluster)
        // Four processes' worth of opens at once: the advisory lock lets one migrate, the others see it done.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let database = try PostgresDatabase.open(location)
                    database.close()
                }
            }
            try await group.waitForAll()
        }
        let database = try PostgresDatabase.open(location)
        #expect(try database.appliedMigrations() == Migrations.names)
        database.close()
        #expect(PostgresSchema.migrations.map(\.name) == Migrations.names)
        let tables = try cluster.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables == "api_keys,artifact_blobs,artifact_chunks,batch_targets,batches,components,finding_comments,finding_state_history,finding_states,findings,"
                + "notifications,run_artifacts,runs,scan_events,scanner_runs,scans,securescan_migrations,target_fingerprints,targets,webhook_deliveries,webhooks")
        #expect(try cluster.psql("SELECT indexdef FROM pg_indexes WHERE indexname = 'findings_by_fingerprint'")
                .contains("UNIQUE INDEX findings_by_fingerprint ON public.findings USING btree (fingerprint, run_seq)"))
    }

    @Test func anUnreachableServerAndARefusedLoginNameTheServerNotThePassword() async throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.stop() }
        let wrong = try Self.location(cluster, password: "wrong-password-123")
        do {
            _ = try PostgresDatabase.open(wrong)
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.description.contains("postgres://securescan@127.0.0.1:\(cluster.port)/securescan?sslmode=disable"), "\(error)")
            #expect(error.description.contains("Connection refused") == false)
            #expect(error.description.contains("password authentication failed"), "\(error)")
            #expect(!error.description.contains("wrong-password-123") && !error.description.contains(cluster.password))
        }
        // A password file others can read is skipped, as libpq does, and the refusal says why.
        let file = cluster.directory.deletingLastPathComponent().appendingPathComponent("pgpass-\(cluster.port)")
        try Data("*:*:*:*:\(cluster.password)\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        chmod(file.path, 0o644)
        let open = try PostgresLocation(url: cluster.url, fromEnvironment: false, environment: ["PGPASSFILE": file.path, "HOME": "/nonexistent"])
        do {
            _ = try PostgresDatabase.open(open)
            Issue.record("a world-readable password file was used")
        } catch {
            #expect(error.description.contains("(chmod 600 \(file.path))"), "\(error)")
            #expect(!error.description.contains(cluster.password))
        }
        chmod(file.path, 0o600)
        (try PostgresDatabase.open(try PostgresLocation(url: cluster.url, fromEnvironment: false,
                                                              environment: ["PGPASSFILE": file.path, "HOME": "/nonexistent"]))).close()
        let closed = try Self.location(cluster, port: try LoopbackPort.free())
        do {
            _ = try PostgresDatabase.open(closed)
            Issue.record("a closed port was reached")
        } catch {
            #expect(error.description.hasPrefix("cannot reach the PostgreSQL store postgres://securescan@127.0.0.1:\(closed.port)/securescan?sslmode=disable: "), "\(error)")
            #expect(!error.description.contains(cluster.password))
            #expect(error.description.hasSuffix("securescan?sslmode=disable: Connection refused"), "\(error)")
        }
    }

    @Test func aSchemaFromANewerVersionIsRefusedWithBothVersionsNamed() async throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.stop() }
        let location = try Self.location(cluster)
        (try PostgresDatabase.open(location)).close()
        try cluster.psql("INSERT INTO securescan_migrations (position, identifier) VALUES (99, 'v99 something new')")
        do {
            _ = try PostgresDatabase.open(location)
            Issue.record("a newer schema was accepted")
        } catch {
            #expect(error == .newerSchema(server: location.description, applied: ["v99 something new"],
                                          known: Migrations.names.last!))
            #expect(error.description.contains("upgrade securescan"))
        }
    }
}

/// The auditor's server on PostgreSQL: a role that may only `SELECT` opens a current store without
/// writing; a store not yet migrated is refused, and so is writing through that role.
@Suite(.serialized) struct PostgresReadOnlyTests {
    @Test func aSelectOnlyRoleOpensACurrentStoreAndNothingElse() async throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.stop() }
        try cluster.psql("""
            CREATE ROLE auditor LOGIN PASSWORD 'auditor-pw-789';
            GRANT CONNECT ON DATABASE securescan TO auditor;
            GRANT USAGE ON SCHEMA public TO auditor;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO auditor;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            """)
        let auditor = try PostgresLocation(url: "postgres://auditor@127.0.0.1:\(cluster.port)/securescan?sslmode=disable",
                                           fromEnvironment: false, environment: ["PGPASSWORD": "auditor-pw-789", "HOME": "/nonexistent"])
        // Nothing there yet: refused, and nothing created.
        do {
            _ = try PostgresDatabase.open(auditor, readOnly: true)
            Issue.record("an empty database was opened read-only")
        } catch {
            #expect(error == .schemaOutOfDate(path: auditor.description))
        }
        #expect(try cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0")
        // Migrating needs CREATE, which the role lacks: the server's words name the privilege.
        do {
            _ = try PostgresDatabase.open(auditor)
            Issue.record("a role without CREATE migrated the schema")
        } catch {
            #expect(error.description.contains("permission denied for schema public"), "\(error)")
            #expect(!error.description.contains("auditor-pw-789"))
        }
        let owner = try PostgresLocation(url: cluster.url, fromEnvironment: false, environment: ["PGPASSWORD": cluster.password, "HOME": "/nonexistent"])
        (try PostgresDatabase.open(owner)).close()
        let reader = try PostgresDatabase.open(auditor, readOnly: true)
        #expect(try reader.appliedMigrations() == Migrations.names)
        reader.close()
    }
}
