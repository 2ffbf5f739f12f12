import Testing
@testable import SecureScanCore

/// `.gitignore`-style matching of target-relative paths.
@Suite struct PathPatternTests {
    @Test(arguments: [
        ("node_modules/", "web/node_modules/x.js", false, true),
        ("node_modules/", "node_modules", true, true),
        ("node_modules/", "node_modules", false, false),
        ("*.log", "logs/app.log", false, true),
        ("*.log", "app.log.txt", false, false),
        ("/build", "build/out.o", false, true),
        ("/build", "src/build/out.o", false, false),
        ("docs/*.md", "docs/a.md", false, true),
        ("docs/*.md", "docs/sub/a.md", false, false),
        ("**/testdata/**", "pkg/testdata/fixture.json", false, true),
        ("src/**/gen", "src/a/b/gen/x.go", false, true),
        ("src/**/gen", "src/gen/x.go", false, true),
        ("file[0-9].txt", "dir/file7.txt", false, true),
        ("file[!0-9].txt", "dir/file7.txt", false, false),
        ("?.py", "a.py", false, true),
        ("?.py", "ab.py", false, false),
    ])
    func matches(pattern: String, path: String, isDirectory: Bool, expected: Bool) throws {
        #expect(try PathPattern(pattern).matches(path, isDirectory: isDirectory) == expected)
    }

    @Test func theLastMatchingPatternDecides() throws {
        let set = try PathPatternSet(["*.json", "!keep.json"])
        #expect(set.matches("a/x.json", isDirectory: false))
        #expect(!set.matches("a/keep.json", isDirectory: false))
    }

    @Test func anUnclosedClassIsRejectedWithTheReason() {
        #expect(throws: CoreError.invalidPattern(pattern: "a[bc", reason: "unclosed '[' in \"a[bc\"")) {
            try PathPattern("a[bc")
        }
    }
}
