import Foundation
import Testing
@testable import SecureScanCore

/// Which texts are times a run may record: the forms this program writes, with every field in range.
@Suite struct UTCTimestampTests {
    @Test func theFormsThisProgramWritesAreValid() {
        let date = Date(timeIntervalSince1970: 1_764_374_400.25)
        #expect(UTCTimestamp.isValid(UTCTimestamp.iso8601(date)))
        #expect(UTCTimestamp.isValid(UTCTimestamp.iso8601Milliseconds(date)))
        for text in ["2026-12-01T09:00:00Z", "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z", "2026-12-01T09:00:00.123456789Z"] {
            #expect(UTCTimestamp.isValid(text), "\(text)")
        }
    }

    @Test func outOfRangeFieldsAndOtherFormsAreNot() {
        for text in ["9655-81-30T56:02:32.2082Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-01T24:00:00Z",
                     "2026-12-01T09:60:00Z", "2026-12-01T09:00:60Z", "1969-12-31T23:59:59Z", "2026-12-01 09:00:00Z",
                     "2026-12-01T09:00:00+01:00", "2026-12-01T09:00:00", "2026-12-01T09:00:00.Z", "2026-1-01T09:00:00Z", ""] {
            #expect(!UTCTimestamp.isValid(text), "\(text)")
        }
    }
}
