/// One criterion's distances over the buildings of an area, unit-weighted and summarised as
/// SPEC §6 reports them: the mean, the median and the units within each of a fixed set of
/// radii (the criterion's own and the sensitivity table's).
///
/// A summary is a few dozen numbers whatever the size of the area: keeping every distance
/// (16 bytes per building, per criterion, per level of buurt, wijk, gemeente and total) took
/// about 1.5 GB for the whole country.
public struct DistanceSummary: Sendable, Equatable {
    /// Units with a finite distance.
    public let totalUnits: Int
    /// The unit-weighted mean; nil when no unit has a finite distance.
    public let mean: Double?
    /// The smallest d such that the units with distance ≤ d make up at least half of them.
    public let median: Double?
    /// Ascending; the radii `units(within:)` answers for.
    public let radii: [Double]
    /// Per radius: units with distance ≤ radius.
    public let unitsWithin: [Int]

    public init(totalUnits: Int, mean: Double?, median: Double?, radii: [Double], unitsWithin: [Int]) {
        precondition(radii.count == unitsWithin.count, "one count per radius")
        self.totalUnits = totalUnits
        self.mean = mean
        self.median = median
        self.radii = radii
        self.unitsWithin = unitsWithin
    }

    /// The summary of buildings `ordered`, given in ascending distance (each with a finite
    /// distance and at least one unit), for ascending `radii`.
    public init<Buildings: Collection>(ascending ordered: Buildings, distances all: [Double], units: [Int32], radii: [Double])
    where Buildings.Element: BinaryInteger {
        var total = 0
        for b in ordered {
            let i = Int(b)
            precondition(all[i].isFinite && units[i] > 0, "only finite distances of buildings with units")
            total += Int(units[i])
        }
        var within = [Int](repeating: 0, count: radii.count)
        var sum = 0.0, running = 0, median: Double?, r = 0
        for b in ordered {
            let i = Int(b), d = all[i], u = Int(units[i])
            // Radii below this distance hold everything before it.
            while r < radii.count, radii[r] < d {
                within[r] = running
                r += 1
            }
            sum += d * Double(u)
            running += u
            if median == nil, 2 * running >= total { median = d }
        }
        while r < radii.count {
            within[r] = running
            r += 1
        }
        self.totalUnits = total
        self.mean = total > 0 ? sum / Double(total) : nil
        self.median = median
        self.radii = radii
        self.unitsWithin = within
    }

    /// Units with distance ≤ radius, for one of `radii`.
    public func units(within radius: Double) -> Int {
        guard let k = radii.firstIndex(of: radius) else {
            preconditionFailure("the summary holds radii \(radii), not \(radius)")
        }
        return unitsWithin[k]
    }

    /// The radii a profile's summaries answer for: each criterion's and the sensitivity
    /// table's, ascending.
    public static func radii(for profile: Profile) -> [Double] {
        Set(profile.criteria.map(\.radius) + Coverage.sensitivityRadii).sorted()
    }

    /// The buildings with a finite distance and at least one unit, in ascending distance
    /// (equal distances in building order).
    public static func ascendingOrder(distances: [Double], units: [Int32]) -> [Int32] {
        var order: [Int32] = []
        order.reserveCapacity(distances.count)
        for b in distances.indices where distances[b].isFinite && units[b] > 0 { order.append(Int32(b)) }
        return RadixSort.ascending(order, by: distances)
    }
}
