/// The unit-weighted distribution of one criterion's distances over a set of buildings:
/// the finite distances sorted ascending with the units at each, so that the mean, the
/// median and the units within any radius follow directly (SPEC §6).
public struct DistanceDistribution: Sendable {
    /// Sorted ascending; only finite distances of buildings with units ≥ 1.
    public let distances: [Double]
    /// Cumulative units: `cumulativeUnits[k]` = units of the first k + 1 distances.
    public let cumulativeUnits: [Int]

    public init(distances all: [Double], units: [Int32], members: [Int]) {
        let kept = members.filter { all[$0].isFinite && units[$0] > 0 }
        self.init(ascending: kept.sorted { all[$0] < all[$1] }, distances: all, units: units)
    }

    /// The distribution of buildings `ordered`, given in ascending distance (each with a
    /// finite distance and at least one unit).
    public init<Buildings: Collection>(ascending ordered: Buildings, distances all: [Double], units: [Int32]) where Buildings.Element: BinaryInteger {
        var distances: [Double] = []
        var cumulativeUnits: [Int] = []
        distances.reserveCapacity(ordered.count)
        cumulativeUnits.reserveCapacity(ordered.count)
        var running = 0
        for b in ordered {
            let i = Int(b)
            precondition(all[i].isFinite && units[i] > 0, "only finite distances of buildings with units")
            distances.append(all[i])
            running += Int(units[i])
            cumulativeUnits.append(running)
        }
        self.distances = distances
        self.cumulativeUnits = cumulativeUnits
    }

    /// The buildings with a finite distance and at least one unit, in ascending distance
    /// (equal distances in building order).
    public static func ascendingOrder(distances: [Double], units: [Int32]) -> [Int32] {
        var order: [Int32] = []
        order.reserveCapacity(distances.count)
        for b in distances.indices where distances[b].isFinite && units[b] > 0 { order.append(Int32(b)) }
        return RadixSort.ascending(order, by: distances)
    }

    /// Units with a finite distance.
    public var totalUnits: Int { cumulativeUnits.last ?? 0 }

    /// Units with distance ≤ radius.
    public func units(within radius: Double) -> Int {
        // The first index whose distance exceeds the radius.
        var lo = 0, hi = distances.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if distances[mid] <= radius { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : cumulativeUnits[lo - 1]
    }

    /// The unit-weighted mean; nil when no unit has a finite distance.
    public var mean: Double? {
        guard totalUnits > 0 else { return nil }
        var sum = 0.0
        var previous = 0
        for (k, d) in distances.enumerated() {
            sum += d * Double(cumulativeUnits[k] - previous)
            previous = cumulativeUnits[k]
        }
        return sum / Double(totalUnits)
    }

    /// The smallest d such that the units with distance ≤ d make up at least half of them.
    public var median: Double? {
        guard totalUnits > 0 else { return nil }
        for (k, d) in distances.enumerated() where 2 * cumulativeUnits[k] >= totalUnits { return d }
        return distances.last
    }
}
