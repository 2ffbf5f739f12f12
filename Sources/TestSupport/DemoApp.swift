import Foundation

/// The demo project under `fixtures/demo-app/` and the fake secrets planted in it.
package enum DemoApp {
    package static let url = Fixtures.url("demo-app")

    /// Every planted secret value, exactly as it appears in the files. None of them may ever appear in
    /// an artifact or in the database.
    package static let plantedSecrets = [
        "AKIAB3SKCZTKMBF6JDPY",
        "l2agE4aE+Yhc3a+LcBfS83Cedu3QlYJJJbgIQrBc",
        "Vx9-kT2mQ7rLp4Zs",
        "sk_test_y7tTKP6RUDLYLvqsKt3sVNrCtNuPBUKibc7XiiDvDlr3qBiw",
        "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAic3ZjLW9yZGVycyIsICJyb2xlIjogImFkbWluIiwgImlhdCI6IDE3NjcyMjU2MDB9.3hiRpzt9KU_602rOD41Xokg1XPR7_K4nUUy9n1wFPLe",
        "ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD",
        "T0U9VLSBX5/B07Z6ULMV1T/R1lirRVzYkBEyhiXUTdSZZqP",
        "Qhrh8c0kmQRxhs6O",
        "3djS5c9dA1N7kAHjcQH3/d5G4gjHErjudTyBd28DfMRd60h1yc4UYMaL80DpKxAE",
    ]

    /// A copy of the demo project in a fresh temporary directory (so tests can change it); the caller removes it.
    package static func copy() throws -> URL {
        let directory = try Fixtures.makeTemporaryDirectory("demo")
        let destination = directory.appendingPathComponent("demo-app")
        try FileManager.default.copyItem(at: url, to: destination)
        return destination
    }
}
