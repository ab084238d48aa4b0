import Testing
@testable import Geo

/// Connected components by breadth-first search over an adjacency list: the independent
/// reference for union–find. Components are listed by smallest member, each sorted.
private func bfsComponents(count: Int, edges: [(Int, Int)]) -> [[Int]] {
    var neighbours = [[Int]](repeating: [], count: count)
    for (a, b) in edges {
        neighbours[a].append(b)
        neighbours[b].append(a)
    }
    var seen = [Bool](repeating: false, count: count)
    var components: [[Int]] = []
    for start in 0..<count where !seen[start] {
        var component = [start]
        seen[start] = true
        var head = 0
        while head < component.count {
            for n in neighbours[component[head]] where !seen[n] {
                seen[n] = true
                component.append(n)
            }
            head += 1
        }
        components.append(component.sorted())
    }
    return components
}

@Suite struct DisjointSetsTests {
    @Test(arguments: [(0, 0), (1, 0), (10, 3), (200, 50), (1_000, 400), (1_000, 1_000), (2_000, 5_000), (500, 20_000)])
    func componentsEqualBreadthFirstSearch(count: Int, edgeCount: Int) {
        var rng = SplitMix64(seed: UInt64(count * 100_003 + edgeCount))
        let edges: [(Int, Int)] = count == 0 ? [] : (0..<edgeCount).map { _ in
            (Int.random(in: 0..<count, using: &rng), Int.random(in: 0..<count, using: &rng))
        }
        var sets = DisjointSets(count: count)
        for (a, b) in edges { sets.union(a, b) }
        let components = sets.components()
        #expect(components == bfsComponents(count: count, edges: edges))
        // Every element exactly once; calling again gives the same answer.
        #expect(components.flatMap { $0 }.sorted() == Array(0..<count))
        #expect(sets.components() == components)
    }

    @Test func orderDoesNotDependOnTheOrderOfUnions() {
        var rng = SplitMix64(seed: 99)
        var edges = (0..<300).map { _ in (Int.random(in: 0..<400, using: &rng), Int.random(in: 0..<400, using: &rng)) }
        var a = DisjointSets(count: 400)
        for (x, y) in edges { a.union(x, y) }
        edges.shuffle(using: &rng)
        var b = DisjointSets(count: 400)
        for (x, y) in edges.reversed() { b.union(y, x) }
        #expect(a.components() == b.components())
    }

    @Test func byHand() {
        var sets = DisjointSets(count: 7)
        sets.union(5, 3)
        sets.union(6, 0)
        sets.union(3, 1)
        sets.union(1, 5) // already joined
        #expect(sets.root(of: 1) == sets.root(of: 5))
        #expect(sets.root(of: 2) == 2)
        #expect(sets.components() == [[0, 6], [1, 3, 5], [2], [4]])
    }

    @Test func aLongChainStaysCorrect() {
        // A path 0–1–2–…: union by size keeps roots shallow; one component.
        var sets = DisjointSets(count: 100_000)
        for i in 1..<100_000 { sets.union(i - 1, i) }
        let components = sets.components()
        #expect(components.count == 1 && components[0].count == 100_000 && components[0].first == 0)
    }
}
