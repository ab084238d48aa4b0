/// Union–find over 0 ..< count (union by size, path halving): the connected components of
/// a graph given as a stream of edges, in near-linear time.
public struct DisjointSets: Sendable {
    private var parent: [Int32]
    private var size: [Int32]

    public init(count: Int) {
        precondition(count < Int(Int32.max), "too many elements for DisjointSets")
        parent = (0..<Int32(count)).map { $0 }
        size = [Int32](repeating: 1, count: count)
    }

    public mutating func root(of element: Int) -> Int {
        var x = Int32(element)
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return Int(x)
    }

    public mutating func union(_ a: Int, _ b: Int) {
        var ra = root(of: a), rb = root(of: b)
        guard ra != rb else { return }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
    }

    /// The components as lists of members, each sorted ascending, the lists ordered by their
    /// smallest member (a deterministic order).
    public mutating func components() -> [[Int]] {
        var slot = [Int](repeating: -1, count: parent.count)
        var groups: [[Int]] = []
        for element in 0..<parent.count {
            let r = root(of: element)
            if slot[r] < 0 {
                slot[r] = groups.count
                groups.append([])
            }
            groups[slot[r]].append(element)
        }
        return groups
    }
}
