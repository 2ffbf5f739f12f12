import Foundation
import Testing
import TestSupport

/// The throwaway server the PostgreSQL store is tested against: it starts on a free loopback port,
/// takes only the password it was made with, and is gone after `stop()`.
@Suite struct PostgresClusterTests {
    @Test func aClusterStartsAnswersAndIsRemoved() throws {
        let cluster = try PostgresCluster.start()
        let directory = cluster.directory
        #expect(try cluster.psql("SELECT current_user || ' ' || current_database()") == "securescan securescan")
        #expect(try cluster.psql("SHOW listen_addresses") == "127.0.0.1")
        #expect(try cluster.psql("SELECT setting FROM pg_settings WHERE name = 'password_encryption'") == "scram-sha-256")
        cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
