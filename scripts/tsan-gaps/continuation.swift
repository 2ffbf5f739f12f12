// A Thread builds an object and resumes a CheckedContinuation with it; the task reads it after the
// await, which orders the two. ThreadSanitizer on Swift 6.3.1 (Linux) still reports a race on the
// object's field: in every run when the resume comes before the task has suspended (`resume-first`),
// in some runs when the thread waits 2 ms first (`suspend-first`).
import Foundation

final class Box {
    var bytes: [UInt8]
    init(_ count: Int) { bytes = Array(repeating: 7, count: count) }
}

@main struct Main {
    static func main() async {
        let waitFirst = CommandLine.arguments.dropFirst().first == "suspend-first"
        var total = 0
        for round in 0..<200 {
            let box: Box = await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    if waitFirst { usleep(2_000) }
                    continuation.resume(returning: Box(64 + round))
                }
            }
            total += box.bytes.count
        }
        precondition(total == 200 * 64 + 199 * 100, "lost a value")
    }
}
