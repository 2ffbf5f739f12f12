import Foundation
import SecureScanCore

/// The `diff --json` result: the two sides, the counts, the new and fixed findings (and with `--full`
/// the unchanged ones) in the same shape as `findings.json`, the scanners and the gate. Keys sorted.
public enum ChangeJSON {
    public static func data(_ report: ChangeReport) throws(ReportsError) -> Data {
        let sink = ArtifactSink.memory(name: "diff result")
        var json = PrettyJSONWriter(sink)
        json.beginObject()
        side("base", report.base, to: &json)
        json.field("changed_files", report.changedFiles)
        json.key("counts")
        json.beginObject()
        json.field("fixed", report.fixed.count)
        json.field("new", report.new.count)
        json.field("unchanged", report.unchangedCount)
        json.endObject()
        json.key("fixed")
        FindingDocument.write(report.fixed, to: &json)
        json.key("full")
        json.bool(report.full)
        json.key("gate")
        try json.encodable(report.gate, format: "diff result")
        side("head", report.head, to: &json)
        json.field("kind", "securescan-change")
        json.key("new")
        FindingDocument.write(report.new, to: &json)
        json.field("notes", report.notes)
        json.key("scanners")
        json.beginArray()
        for run in report.scannerRuns { FindingDocument.write(run, to: &json) }
        json.endArray()
        json.field("schema_version", FindingsJSON.schemaVersion)
        json.field("target", report.target)
        if report.full {
            json.key("unchanged")
            FindingDocument.write(report.unchanged, to: &json)
        }
        json.endObject()
        json.finishDocument()
        _ = try sink.finish()
        return sink.data
    }

    private static func side(_ name: String, _ side: ChangeReport.Side, to json: inout PrettyJSONWriter) {
        json.key(name)
        json.beginObject()
        json.field("commit", side.commit)
        json.field("ref", side.ref)
        json.endObject()
    }
}
