/// A static 2-d tree over a fixed set of points, for exact nearest-neighbour queries whose
/// cost does not depend on how the points cluster.
///
/// A uniform `GridIndex` is ideal for radius queries at a known scale, but facilities
/// concentrate in town centres: a grid cell that suits the countryside holds hundreds of
/// them in a centre. The tree splits at the median, alternating x and y, so every query
/// costs O(log n) visits on any distribution.
///
/// Layout: the points are stored reordered so that every subtree is a contiguous range
/// `lo ..< hi` whose median `(lo + hi) / 2` is the splitting point; no node objects. The
/// arrays are `Column`s, so a tree stored in a `cirkel index` file is searched in place.
public struct KDTree: Sendable {
    /// Coordinates in tree order.
    let xs: Column<Double>
    let ys: Column<Double>
    /// Original index of each point in tree order.
    let original: Column<Int32>

    public init(xs inputX: [Double], ys inputY: [Double]) {
        precondition(inputX.count == inputY.count, "xs and ys must have the same length")
        precondition(inputX.count < Int(Int32.max), "too many points for a KDTree")
        var order = (0..<Int32(inputX.count)).map { $0 }
        // Each range is split at its median on the axis: a selection (quickselect), not a
        // sort, so the build is O(n log n) on average. Points are ordered by coordinate and
        // then by original index, a total order, so the median and the two halves (as sets)
        // are the same however the range happens to be ordered: the tree is the same on
        // every run, and the same as a build by sorting (tested).
        order.withUnsafeMutableBufferPointer { order in
            func build(_ lo: Int, _ hi: Int, _ axis: Int) {
                guard hi - lo > 1 else { return }
                let mid = (lo + hi) / 2
                Self.select(mid, in: order, lo, hi, key: axis == 0 ? inputX : inputY)
                build(lo, mid, 1 - axis)
                build(mid + 1, hi, 1 - axis)
            }
            build(0, order.count, 0)
        }
        original = Column(order)
        xs = Column(order.map { inputX[Int($0)] })
        ys = Column(order.map { inputY[Int($0)] })
    }

    public var count: Int { xs.count }

    /// Rearranges `order[lo ..< hi]` so that position `k` holds the point a full sort by
    /// (key, index) would put there, with only smaller points before it and larger after
    /// (Hoare's selection, median-of-three pivots).
    private static func select(_ k: Int, in order: UnsafeMutableBufferPointer<Int32>, _ lo: Int, _ hi: Int, key: [Double]) {
        @inline(__always) func less(_ a: Int32, _ b: Int32) -> Bool {
            let ka = key[Int(a)], kb = key[Int(b)]
            return ka != kb ? ka < kb : a < b
        }
        var left = lo, right = hi - 1
        while left < right {
            let mid = left + (right - left) / 2
            if less(order[mid], order[left]) { order.swapAt(mid, left) }
            if less(order[right], order[left]) { order.swapAt(right, left) }
            if less(order[right], order[mid]) { order.swapAt(right, mid) }
            let pivot = order[mid]
            var i = left, j = right
            while i <= j {
                while less(order[i], pivot) { i += 1 }
                while less(pivot, order[j]) { j -= 1 }
                if i <= j {
                    order.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now left ... j hold points ≤ pivot and i ... right points ≥ pivot; between
            // them (if j + 1 < i) only the pivot itself, as every point is distinct.
            if k <= j { right = j } else if k >= i { left = i } else { return }
        }
    }

    /// The tree as stored: coordinates in tree order and each point's original index.
    public var storage: (xs: Column<Double>, ys: Column<Double>, original: Column<Int32>) { (xs, ys, original) }

    /// A tree from `storage` of an earlier tree (no rebuilding, no pass over the points).
    /// Checks that the sizes agree, nil when not. The layout and the original indices are
    /// trusted as far as the archive's checksums vouch for them: a wrong layout gives wrong
    /// answers, and reads never leave the columns (`Column` checks every index).
    public init?(storage xs: Column<Double>, _ ys: Column<Double>, _ original: Column<Int32>) {
        guard xs.count == ys.count, original.count == xs.count else { return nil }
        self.xs = xs
        self.ys = ys
        self.original = original
    }

    /// The nearest point to (x, y) (`euclideanDistance`); ties go to the lowest original
    /// index. Nil when the tree is empty.
    public func nearest(to x: Double, _ y: Double) -> (index: Int, distance: Double)? {
        guard count > 0 else { return nil }
        var bestIndex = Int.max
        var bestDistance = Double.infinity
        // An explicit stack of subtrees still to visit (lo, hi, axis, the bound below which
        // they can hold something closer): no recursion, no closure, in the hot loop of reach.
        return withUnsafeTemporaryAllocation(of: (Int, Int, Int, Double).self, capacity: 128) { stack in
            var top = 0
            stack[0] = (0, count, 0, 0)
            top = 1
            while top > 0 {
                top -= 1
                var (lo, hi, axis, bound) = stack[top]
                // A subtree across a split is at least |difference| away (sqrt of a
                // square is exact, so the bound holds in floating point); an equal
                // distance is still visited for the tie rule.
                if bound > bestDistance { continue }
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let d = euclideanDistance(x, y, xs[mid], ys[mid])
                    let index = Int(original[mid])
                    if d < bestDistance || (d == bestDistance && index < bestIndex) {
                        bestDistance = d
                        bestIndex = index
                    }
                    let difference = axis == 0 ? x - xs[mid] : y - ys[mid]
                    // Descend into the near side now; push the far side for later.
                    let nearLow = difference < 0 ? lo : mid + 1, nearHigh = difference < 0 ? mid : hi
                    let farLow = difference < 0 ? mid + 1 : lo, farHigh = difference < 0 ? hi : mid
                    if farLow < farHigh && abs(difference) <= bestDistance {
                        // Depth is at most log2(count) + 1 < 64 for any Int32 count.
                        stack[top] = (farLow, farHigh, 1 - axis, abs(difference))
                        top += 1
                    }
                    lo = nearLow
                    hi = nearHigh
                    axis = 1 - axis
                }
            }
            return (bestIndex, bestDistance)
        }
    }
}
