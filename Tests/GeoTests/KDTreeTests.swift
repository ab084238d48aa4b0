import Foundation
import Testing
@testable import Geo

/// The KD-tree's nearest neighbour equals a brute-force scan, on distributions that defeat a
/// uniform grid (tight clusters far apart) as well as on uniform ones.
struct KDTreeTests {
    static func bruteForce(_ xs: [Double], _ ys: [Double], _ x: Double, _ y: Double) -> (Int, Double)? {
        var best: (Int, Double)?
        for i in xs.indices {
            let d = euclideanDistance(x, y, xs[i], ys[i])
            if best == nil || d < best!.1 { best = (i, d) } // first index wins ties
        }
        return best
    }

    static func points(_ kind: String, count: Int, rng: inout SplitMix64) -> ([Double], [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<count {
            switch kind {
            case "uniform":
                xs.append(Double.random(in: 0..<10_000, using: &rng)); ys.append(Double.random(in: 0..<10_000, using: &rng))
            case "clustered":
                // Three blobs of 20 m, 50 km apart.
                let centre = Double(k % 3) * 50_000
                xs.append(centre + Double.random(in: 0..<20, using: &rng)); ys.append(centre + Double.random(in: 0..<20, using: &rng))
            case "grid":
                // Integer lattice: many exact ties.
                xs.append(Double(k % 10) * 100); ys.append(Double(k / 10) * 100)
            default:
                xs.append(5); ys.append(5) // all identical
            }
        }
        return (xs, ys)
    }

    @Test(arguments: ["uniform", "clustered", "grid", "identical"])
    func nearestEqualsBruteForce(kind: String) {
        var rng = SplitMix64(seed: 42)
        for count in [1, 2, 7, 100, 2000] {
            let (xs, ys) = Self.points(kind, count: count, rng: &rng)
            let tree = KDTree(xs: xs, ys: ys)
            for _ in 0..<300 {
                // Queries inside, around and far outside the points' extent.
                let x = Double.random(in: -60_000..<160_000, using: &rng), y = Double.random(in: -60_000..<160_000, using: &rng)
                let got = tree.nearest(to: x, y), want = Self.bruteForce(xs, ys, x, y)
                #expect(got?.index == want?.0 && got?.distance == want?.1, "\(kind) n=\(count) query (\(x), \(y))")
            }
            // Queries exactly on points, and on lattice midpoints where several points tie.
            for i in stride(from: 0, to: count, by: max(1, count / 50)) {
                for (x, y) in [(xs[i], ys[i]), (xs[i] + 50, ys[i] + 50)] {
                    let got = tree.nearest(to: x, y), want = Self.bruteForce(xs, ys, x, y)
                    #expect(got?.index == want?.0 && got?.distance == want?.1, "\(kind) n=\(count) at point \(i)")
                }
            }
        }
    }

    /// The layout of the straightforward build: sort each range on its axis, ties by index.
    static func layoutBySorting(_ xs: [Double], _ ys: [Double]) -> [Int32] {
        var order = (0..<Int32(xs.count)).map { $0 }
        func build(_ lo: Int, _ hi: Int, _ axis: Int) {
            guard hi - lo > 1 else { return }
            let key = axis == 0 ? xs : ys
            order[lo..<hi].sort { key[Int($0)] != key[Int($1)] ? key[Int($0)] < key[Int($1)] : $0 < $1 }
            build(lo, (lo + hi) / 2, 1 - axis)
            build((lo + hi) / 2 + 1, hi, 1 - axis)
        }
        build(0, order.count, 0)
        return order
    }

    @Test(arguments: ["uniform", "clustered", "grid", "identical"])
    func selectionBuildsTheTreeASortWould(kind: String) {
        // The selection's layout differs inside each half from a sort's, but each median and
        // each half as a set must be the same: so the final layout is identical.
        var rng = SplitMix64(seed: 7)
        for count in [0, 1, 2, 3, 5, 64, 1000, 4097] {
            let (xs, ys) = Self.points(kind, count: count, rng: &rng)
            #expect(KDTree(xs: xs, ys: ys).storage.original.array == Self.layoutBySorting(xs, ys), "\(kind) n=\(count)")
        }
    }

    @Test func emptyTreeHasNoNearest() {
        #expect(KDTree(xs: [], ys: []).nearest(to: 0, 0) == nil)
    }
}
