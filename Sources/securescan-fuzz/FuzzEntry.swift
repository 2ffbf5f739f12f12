import Foundation
import SecureScanFuzz

#if FUZZING
// Built with `-sanitize=fuzzer,address` (`make fuzz`): libFuzzer's driver runs the target named by
// SECURESCAN_FUZZ_TARGET. SwiftPM links an executable's entry point as `<module>_main`, so that is the
// function that hands over to the driver.
nonisolated(unsafe) private var selected: FuzzTarget?

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("securescan_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["SECURESCAN_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTargets.named(name) else {
        FileHandle.standardError.write(Data("SECURESCAN_FUZZ_TARGET must name a target: \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n".utf8))
        return 2
    }
    selected = target
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in
        selected?.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
}
#else
/// `securescan-fuzz`, built normally: lists the targets, writes seed corpora, replays inputs.
@main enum FuzzTool {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "list":
            for target in FuzzTargets.all { print("\(target.name)\t\(target.summary)") }
        case "seed" where arguments.count == 4:
            guard let target = FuzzTargets.named(arguments[1]) else { fail("no fuzz target named \(arguments[1])") }
            do {
                let count = try FuzzCorpus.writeSeeds(of: target, fixtures: URL(fileURLWithPath: arguments[2]), into: URL(fileURLWithPath: arguments[3]))
                print("\(target.name): \(count) seeds")
            } catch {
                fail("\(arguments[3]): \(error)")
            }
        case "replay" where arguments.count >= 3:
            guard let target = FuzzTargets.named(arguments[1]) else { fail("no fuzz target named \(arguments[1])") }
            for path in arguments.dropFirst(2) {
                guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): cannot be read") }
                let started = Date()
                target.run(Array(data))
                print("\(path): ok in \(String(format: "%.3f", Date().timeIntervalSince(started))) s")
            }
        default:
            fail("usage: securescan-fuzz list | seed <target> <fixtures dir> <corpus dir> | replay <target> <file>...")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}
#endif
