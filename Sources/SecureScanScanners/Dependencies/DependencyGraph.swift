/// Reachability over lockfile edges, used to tell packages only development roots pull in.
enum DependencyGraph {
    /// Every node reachable from `roots` (the roots included).
    static func reach(_ roots: [String], edges: [String: [String]]) -> Set<String> {
        var seen = Set<String>()
        var pending = roots
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            pending += edges[next] ?? []
        }
        return seen
    }

    /// Nodes reachable from the development roots but not from the production ones.
    static func developmentOnly(production: [String], development: [String], edges: [String: [String]]) -> Set<String> {
        reach(development, edges: edges).subtracting(reach(production, edges: edges))
    }
}
