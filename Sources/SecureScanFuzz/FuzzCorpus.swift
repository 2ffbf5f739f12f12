import Foundation

/// Seed corpora and regression cases on disk.
public enum FuzzCorpus {
    /// Writes `target`'s seeds from the fixtures under `fixtures` (and its inline seeds) into `directory`,
    /// one file per seed; returns how many were written. Seeds over 1 MiB are left out (libFuzzer's inputs
    /// stay small; the large-file cases are the hostile-tree test's).
    @discardableResult
    public static func writeSeeds(of target: FuzzTarget, fixtures: URL, into directory: URL) throws -> Int {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var seeds = target.inlineSeeds.map { Array($0.utf8) }
        for folder in target.seedFolders {
            let base = fixtures.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else { continue }
            var found: [(String, URL)] = []
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
                guard values?.isRegularFile == true, (values?.fileSize ?? 0) <= 1 << 20 else { continue }
                found.append((folder + "/" + url.path.dropFirst(base.path.count + 1), url))
            }
            for (path, url) in found.sorted(by: { $0.0 < $1.0 }) {
                guard let data = try? Data(contentsOf: url) else { continue }
                seeds += target.seed(path, Array(data)).filter { $0.count <= 1 << 20 }
            }
        }
        var written = Set<Data>()
        for seed in seeds where written.insert(Data(seed)).inserted {
            try Data(seed).write(to: directory.appendingPathComponent(String(format: "seed-%05d", written.count)))
        }
        return written.count
    }

    /// Every regression case of `target` under `regressions` (`<regressions>/<target>/*`), sorted.
    public static func regressionCases(of target: FuzzTarget, in regressions: URL) -> [URL] {
        let folder = regressions.appendingPathComponent(target.name)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }
}
