// Eight threads append to a Mutex<[Int]>, every access inside withLock; the final count is exact, yet
// ThreadSanitizer reports a race when the lock is contended (its slow path is not instrumented).
import Foundation
import Synchronization

@main struct Main {
    static func main() {
        let list = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for value in 0..<10_000 { list.withLock { $0.append(thread * 10_000 + value) } }
        }
        precondition(list.withLock { $0.count } == 80_000, "lost an append")
    }
}
