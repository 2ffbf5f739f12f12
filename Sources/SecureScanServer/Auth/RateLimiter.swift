import Foundation
import HTTPTypes
import Synchronization

/// A token bucket per caller identity (the authenticated key, never a raw header): `burst` requests at
/// once, refilled at `perMinute` a minute. Idle buckets are dropped; at most 10,000 are kept.
final class RateLimiter: Sendable {
    struct Decision: Sendable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Unix time at which one more request will be allowed.
        var reset: Int
        var retryAfter: Int

        var headers: HTTPFields {
            var fields: HTTPFields = [
                HTTPField.Name("X-RateLimit-Limit")!: String(limit),
                HTTPField.Name("X-RateLimit-Remaining")!: String(remaining),
                HTTPField.Name("X-RateLimit-Reset")!: String(reset),
            ]
            if !allowed { fields[.retryAfter] = String(retryAfter) }
            return fields
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    let perMinute: Int
    let burst: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perMinute: Int, burst: Int) {
        self.perMinute = max(perMinute, 1)
        self.burst = max(burst, 1)
    }

    func check(_ identity: String, now: Date) -> Decision {
        let rate = Double(perMinute) / 60
        return buckets.withLock { buckets in
            if buckets.count > 10_000 {
                buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < 3600 }
                if buckets.count > 10_000 { buckets.removeAll() }
            }
            var bucket = buckets[identity] ?? Bucket(tokens: Double(burst), updated: now)
            bucket.tokens = min(Double(burst), bucket.tokens + max(now.timeIntervalSince(bucket.updated), 0) * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[identity] = bucket
            let deficit = max(1 - bucket.tokens, 0)
            let wait = deficit / rate
            return Decision(
                allowed: allowed, limit: perMinute, remaining: Int(bucket.tokens.rounded(.down)),
                reset: Int((now.timeIntervalSince1970 + wait).rounded(.up)), retryAfter: max(Int(wait.rounded(.up)), 1))
        }
    }
}
