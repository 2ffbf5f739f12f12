import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanScanners

/// The demo report as a real browser draws it: headless Chromium at desktop and phone widths.
@Suite(.serialized) struct HTMLScreenshotTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// (width, height) from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (Int, Int)? {
        guard data.count > 24, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func word(_ offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    @Test(arguments: [(1280, 2000), (390, 1600)])
    func theDemoReportRendersInChromium(size: (width: Int, height: Int)) async throws {
        let chromium = try #require(Self.chromium, "install Debian's chromium (make setup does)")
        let (directory, output) = try await DemoRun.scan("screenshot")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = directory.appendingPathComponent("report.html")
        let png = output.appendingPathComponent("shot.png")
        let result = try await ExternalCommand.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-dev-shm-usage",
            "--user-data-dir=\(output.appendingPathComponent("profile").path)",
            "--window-size=\(size.width),\(size.height)", "--screenshot=\(png.path)", report.absoluteString,
        ])
        let data = try #require(try? Data(contentsOf: png), "no screenshot: \(result.output.suffix(500))")
        let (width, height) = try #require(Self.pngSize(data))
        #expect(width == size.width && height == size.height)
        // A blank page of this size compresses to a few kilobytes; the report's text and charts do not.
        #expect(data.count > 30_000, "screenshot is \(data.count) bytes: blank?")
    }
}
