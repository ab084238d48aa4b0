/// A static 2-d tree over a fixed set of points, for exact nearest-neighbour queries whose
/// cost does not depend on how the points cluster.
///
/// A uniform `GridIndex` is ideal for radius queries at a known scale, but facilities
/// concentrate in town centres: a grid cell that suits the countryside holds hundreds of
/// them in a centre. The tree splits at the median, alternating x and y, so every query
/// costs O(log n) visits on any distribution.
///
/// Layout: the points are stored reordered so that every subtree is a contiguous range
/// `lo ..< hi` whose median `(lo + hi) / 2` is the splitting point; no node objects.
public struct KDTree: Sendable {
    /// Coordinates in tree order.
    let xs: [Double]
    let ys: [Double]
    /// Original index of each point in tree order.
    let original: [Int32]

    public init(xs inputX: [Double], ys inputY: [Double]) {
        precondition(inputX.count == inputY.count, "xs and ys must have the same length")
        precondition(inputX.count < Int(Int32.max), "too many points for a KDTree")
        var order = (0..<Int32(inputX.count)).map { $0 }
        // Build by sorting each range on its axis (ties by original index, so the tree is
        // the same on every run). O(n log² n): trivial for the tens of thousands of
        // facilities it holds.
        func build(_ lo: Int, _ hi: Int, _ axis: Int) {
            guard hi - lo > 1 else { return }
            let key = axis == 0 ? inputX : inputY
            order[lo..<hi].sort { a, b in
                let ka = key[Int(a)], kb = key[Int(b)]
                return ka != kb ? ka < kb : a < b
            }
            let mid = (lo + hi) / 2
            build(lo, mid, 1 - axis)
            build(mid + 1, hi, 1 - axis)
        }
        build(0, order.count, 0)
        original = order
        xs = order.map { inputX[Int($0)] }
        ys = order.map { inputY[Int($0)] }
    }

    public var count: Int { xs.count }

    /// The nearest point to (x, y) (`euclideanDistance`); ties go to the lowest original
    /// index. Nil when the tree is empty.
    public func nearest(to x: Double, _ y: Double) -> (index: Int, distance: Double)? {
        guard count > 0 else { return nil }
        var bestIndex = Int.max
        var bestDistance = Double.infinity
        func visit(_ lo: Int, _ hi: Int, _ axis: Int) {
            guard lo < hi else { return }
            let mid = (lo + hi) / 2
            let d = euclideanDistance(x, y, xs[mid], ys[mid])
            let index = Int(original[mid])
            if d < bestDistance || (d == bestDistance && index < bestIndex) {
                bestDistance = d
                bestIndex = index
            }
            let difference = axis == 0 ? x - xs[mid] : y - ys[mid]
            let (near, far) = difference < 0 ? ((lo, mid), (mid + 1, hi)) : ((mid + 1, hi), (lo, mid))
            visit(near.0, near.1, 1 - axis)
            // Any point across the split is at least |difference| away (sqrt of a square is
            // exact, so the bound holds in floating point too); equal distance is still
            // visited for the tie rule.
            if abs(difference) <= bestDistance { visit(far.0, far.1, 1 - axis) }
        }
        visit(0, count, 0)
        return (bestIndex, bestDistance)
    }
}
