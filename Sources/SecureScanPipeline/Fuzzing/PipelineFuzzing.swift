import Foundation

/// The readers of this module that take untrusted bytes and are not public, for the fuzz harness.
@_spi(Fuzzing) public enum PipelineFuzzing {
    /// One OSV record, as `db update-osv` reads it from a folder or zip (JSON, or YAML by name).
    public static func osvRecord(_ bytes: [UInt8], yaml: Bool) {
        _ = OSVImport.decode(Data(bytes), name: yaml ? "record.yaml" : "record.json")
    }
}
