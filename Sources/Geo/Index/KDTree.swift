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

    /// The tree as stored: coordinates in tree order and each point's original index.
    public var storage: (xs: [Double], ys: [Double], original: [Int32]) { (xs, ys, original) }

    /// A tree from `storage` of an earlier tree (no rebuilding). Checks that the arrays are
    /// consistent and every original index is in range, so damaged input cannot cause an
    /// out-of-bounds access; nil when they are not. (The median layout itself is trusted:
    /// a wrong one gives wrong answers, so only load what a checksum has vouched for.)
    public init?(storage xs: [Double], _ ys: [Double], _ original: [Int32]) {
        guard xs.count == ys.count, original.count == xs.count,
              original.allSatisfy({ $0 >= 0 && Int($0) < xs.count }) else { return nil }
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
        return xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                original.withUnsafeBufferPointer { original in
                    withUnsafeTemporaryAllocation(of: (Int, Int, Int, Double).self, capacity: 128) { stack in
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
        }
    }
}
