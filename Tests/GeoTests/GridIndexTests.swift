import Foundation
import Testing
@testable import Geo

/// A named point set for the brute-force comparisons.
struct PointSet: CustomTestStringConvertible, Sendable {
    let name: String
    let xs: [Double]
    let ys: [Double]
    let cellSize: Double
    var testDescription: String { "\(name) (\(xs.count) points, cell \(cellSize))" }

    static let all: [PointSet] = {
        var rng = SplitMix64(seed: 0x6121_D001)
        var sets: [PointSet] = []
        // Uniform over 10 km.
        var xs = (0..<2_000).map { _ in Double.random(in: 0...10_000, using: &rng) }
        var ys = (0..<2_000).map { _ in Double.random(in: 0...10_000, using: &rng) }
        sets.append(PointSet(name: "uniform", xs: xs, ys: ys, cellSize: 250))
        // The same points with a tiny requested cell size (the grid must enlarge it).
        sets.append(PointSet(name: "uniform, tiny cells", xs: xs, ys: ys, cellSize: 0.001))
        // Five tight blobs (a few metres across) spread over 100 km.
        xs = []; ys = []
        for _ in 0..<5 {
            let cx = Double.random(in: 0...100_000, using: &rng), cy = Double.random(in: 0...100_000, using: &rng)
            for _ in 0..<200 {
                xs.append(cx + Double.random(in: -3...3, using: &rng) + Double.random(in: -3...3, using: &rng))
                ys.append(cy + Double.random(in: -3...3, using: &rng) + Double.random(in: -3...3, using: &rng))
            }
        }
        sets.append(PointSet(name: "clustered", xs: xs, ys: ys, cellSize: 250))
        // Integer lattice with many duplicates: distances tie all the time.
        xs = (0..<1_000).map { _ in Double(Int.random(in: 0...30, using: &rng)) }
        ys = (0..<1_000).map { _ in Double(Int.random(in: 0...30, using: &rng)) }
        sets.append(PointSet(name: "lattice", xs: xs, ys: ys, cellSize: 3))
        sets.append(PointSet(name: "identical", xs: Array(repeating: 1234.5, count: 300), ys: Array(repeating: 678.25, count: 300), cellSize: 100))
        sets.append(PointSet(name: "single", xs: [155_000], ys: [463_000], cellSize: 250))
        sets.append(PointSet(name: "empty", xs: [], ys: [], cellSize: 250))
        // A thin line (one row of cells).
        xs = (0..<600).map { _ in Double.random(in: -50_000...50_000, using: &rng) }
        sets.append(PointSet(name: "line", xs: xs, ys: Array(repeating: -7, count: 600), cellSize: 500))
        return sets
    }()

    /// Query points: inside and around the extent, on data points, and far outside.
    func queries(_ rng: inout SplitMix64, count: Int) -> [(Double, Double)] {
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 0, minY = ys.min() ?? 0, maxY = ys.max() ?? 0
        let marginX = max(maxX - minX, 100) * 0.2, marginY = max(maxY - minY, 100) * 0.2
        var q: [(Double, Double)] = (0..<count).map { _ in
            (Double.random(in: (minX - marginX)...(maxX + marginX), using: &rng),
             Double.random(in: (minY - marginY)...(maxY + marginY), using: &rng))
        }
        if !xs.isEmpty {
            for _ in 0..<(count / 4) {
                let i = Int.random(in: 0..<xs.count, using: &rng)
                q.append((xs[i], ys[i]))
            }
        }
        q += [(minX - 1e7, minY), (maxX + 1e7, maxY + 1e7), (minX, maxY - 3e6), (-1e9, 2e9)]
        return q
    }
}

private func bruteWithin(_ s: PointSet, _ r: Double, _ x: Double, _ y: Double) -> [Int] {
    s.xs.indices.filter { euclideanDistance(x, y, s.xs[$0], s.ys[$0]) <= r }
}

private func bruteNearest(_ s: PointSet, _ x: Double, _ y: Double) -> (index: Int, distance: Double)? {
    var best: (index: Int, distance: Double)?
    for i in s.xs.indices {
        let d = euclideanDistance(x, y, s.xs[i], s.ys[i])
        if best == nil || d < best!.distance { best = (i, d) } // first (lowest) index wins ties
    }
    return best
}

@Suite struct GridIndexTests {
    @Test(arguments: PointSet.all)
    func radiusQueriesEqualBruteForce(_ set: PointSet) {
        let grid = GridIndex(xs: set.xs, ys: set.ys, cellSize: set.cellSize)
        var rng = SplitMix64(seed: 0xA11_0001)
        for (x, y) in set.queries(&rng, count: 60) {
            for r in [0, 0.5, 7, set.cellSize, 3.7 * set.cellSize, 2_000, 1e9] {
                var found: [Int] = []
                grid.forEach(within: r, of: x, y) { i, d in
                    found.append(i)
                    if d != euclideanDistance(x, y, set.xs[i], set.ys[i]) { Issue.record("wrong distance for \(i)") }
                }
                #expect(found.sorted() == bruteWithin(set, r, x, y), "query (\(x), \(y)) radius \(r)")
                #expect(Set(found).count == found.count, "a point reported twice")
            }
        }
    }

    @Test(arguments: PointSet.all)
    func nearestEqualsBruteForce(_ set: PointSet) {
        let grid = GridIndex(xs: set.xs, ys: set.ys, cellSize: set.cellSize)
        var rng = SplitMix64(seed: 0xA11_0002)
        for (x, y) in set.queries(&rng, count: 300) {
            let got = grid.nearest(to: x, y)
            let expected = bruteNearest(set, x, y)
            #expect(got?.index == expected?.index && got?.distance == expected?.distance,
                    "query (\(x), \(y)): grid \(String(describing: got)), brute force \(String(describing: expected))")
        }
    }

    @Test(arguments: PointSet.all)
    func pairsEqualBruteForce(_ set: PointSet) {
        let n = min(set.xs.count, 800) // brute force is quadratic
        let subset = PointSet(name: set.name, xs: Array(set.xs.prefix(n)), ys: Array(set.ys.prefix(n)), cellSize: set.cellSize)
        let small = GridIndex(xs: subset.xs, ys: subset.ys, cellSize: set.cellSize)
        for r in [0, 1, 5, set.cellSize, 1_200] {
            var found: [[Int]] = []
            small.forEachPair(within: r) { i, j, d in
                found.append([i, j])
                if d != euclideanDistance(subset.xs[i], subset.ys[i], subset.xs[j], subset.ys[j]) { Issue.record("wrong distance") }
            }
            var expected: [[Int]] = []
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) where euclideanDistance(subset.xs[i], subset.ys[i], subset.xs[j], subset.ys[j]) <= r {
                    expected.append([i, j])
                }
            }
            #expect(found.count == expected.count, "radius \(r)")
            #expect(found.sorted { $0.lexicographicallyPrecedes($1) } == expected, "radius \(r)")
        }
    }

    @Test(arguments: PointSet.all)
    func rectangleQueriesEqualBruteForce(_ set: PointSet) {
        let grid = GridIndex(xs: set.xs, ys: set.ys, cellSize: set.cellSize)
        var rng = SplitMix64(seed: 0xA11_0003)
        let corners = set.queries(&rng, count: 200)
        for k in stride(from: 0, to: corners.count - 1, by: 2) {
            let (ax, ay) = corners[k], (bx, by) = corners[k + 1]
            let (minX, maxX, minY, maxY) = (min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))
            var found: [Int] = []
            grid.forEach(inRectangle: minX, minY, maxX, maxY) { found.append($0) }
            let expected = set.xs.indices.filter { set.xs[$0] >= minX && set.xs[$0] <= maxX && set.ys[$0] >= minY && set.ys[$0] <= maxY }
            #expect(found.sorted() == expected)
        }
        // Degenerate and inverted rectangles.
        if let x = set.xs.first, let y = set.ys.first {
            var onPoint: [Int] = []
            grid.forEach(inRectangle: x, y, x, y) { onPoint.append($0) }
            #expect(onPoint.sorted() == set.xs.indices.filter { set.xs[$0] == x && set.ys[$0] == y })
            var inverted = 0
            grid.forEach(inRectangle: x + 1, y, x - 1, y) { _ in inverted += 1 }
            #expect(inverted == 0)
        }
    }

    @Test func theRadiusIsInclusive() {
        // Points exactly at the radius on both axes, and the next doubles beyond it.
        let r = 37.5
        let xs = [500 + r, 500, 500 - r, 500, (500 + r).nextUp, 500, 500]
        let ys = [500, 500 + r, 500, 500 - r, 500, (500 - r).nextDown, 500]
        let grid = GridIndex(xs: xs, ys: ys, cellSize: 10)
        var found: [Int: Double] = [:]
        grid.forEach(within: r, of: 500, 500) { i, d in found[i] = d }
        #expect(found == [0: r, 1: r, 2: r, 3: r, 6: 0])
        // A radius of 0 finds only coincident points; a negative radius finds nothing.
        var zero: [Int] = []
        grid.forEach(within: 0, of: 500, 500) { i, _ in zero.append(i) }
        #expect(zero == [6])
        var negative = 0
        grid.forEach(within: -1, of: 500, 500) { _, _ in negative += 1 }
        #expect(negative == 0)
        // 3-4-5: the diagonal point at distance exactly 5.
        let diagonal = GridIndex(xs: [3, 3], ys: [4, 4.001], cellSize: 1)
        var hits: [Int] = []
        diagonal.forEach(within: 5, of: 0, 0) { i, _ in hits.append(i) }
        #expect(hits == [0])
    }

    @Test func nearestTiesGoToTheLowestIndex() {
        // Four points at distance 5 from the origin in different cells, and a farther one.
        let xs: [Double] = [6, -4, 5, 3, 0, -3]
        let ys: [Double] = [0, 3, 0, -4, -5, 4]
        let grid = GridIndex(xs: xs, ys: ys, cellSize: 1)
        let n = grid.nearest(to: 0, 0)
        #expect(n?.index == 1 && n?.distance == 5)
        // Identical points: the first.
        let same = GridIndex(xs: [2, 1, 1, 1], ys: [2, 1, 1, 1], cellSize: 0.5)
        #expect(same.nearest(to: 1, 1)?.index == 1)
        #expect(same.nearest(to: 0, 0)?.index == 1)
        #expect(GridIndex(xs: [], ys: [], cellSize: 1).nearest(to: 0, 0) == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func queriesFarOutsideTheGrid() {
        var rng = SplitMix64(seed: 0xFA2)
        let xs = (0..<2_000).map { _ in Double.random(in: 0...20_000, using: &rng) }
        let ys = (0..<2_000).map { _ in Double.random(in: 0...20_000, using: &rng) }
        let set = PointSet(name: "far", xs: xs, ys: ys, cellSize: 100)
        let grid = GridIndex(xs: xs, ys: ys, cellSize: 100)
        for (x, y) in [(1e6, 1e6), (-3e7, 5_000), (5_000, 1e9), (1e12, -1e12), (-1e15, 0), (1e100, 1e100), (-1e300, 7)] {
            let got = grid.nearest(to: x, y)
            let expected = bruteNearest(set, x, y)
            #expect(got?.index == expected?.index && got?.distance == expected?.distance, "query (\(x), \(y))")
            var count = 0
            grid.forEach(within: 1_000, of: x, y) { _, _ in count += 1 }
            #expect(count == 0)
            grid.forEach(inRectangle: x, y, x + 1, y + 1) { _ in count += 1 }
            #expect(count == 0)
        }
        // A radius that reaches the grid from far away.
        var all = 0
        grid.forEach(within: 1e13, of: -1e12, 1e12) { _, _ in all += 1 }
        #expect(all == xs.count)
    }

    @Test func cellsStayProportionalToThePoints() {
        var rng = SplitMix64(seed: 0xCE11)
        let xs = (0..<100).map { _ in Double.random(in: 0...1e6, using: &rng) }
        let ys = (0..<100).map { _ in Double.random(in: 0...1e6, using: &rng) }
        let grid = GridIndex(xs: xs, ys: ys, cellSize: 1)
        #expect(grid.columns * grid.rows <= 4_096)
        #expect(grid.cellSize >= 1)
        #expect(grid.count == 100)
    }
}
