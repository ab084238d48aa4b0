@testable import Cirkels

/// The straightforward `DistanceSummary` of some buildings, for comparison with the one the
/// coverage builds from its shared orderings: filter, sort, then add up in that order (so the
/// floating-point sums are the same additions in the same order).
func plainDistanceSummary(distances: [Double], units: [Int32], members: [Int], radii: [Double]) -> DistanceSummary {
    let kept = members.filter { distances[$0].isFinite && units[$0] > 0 }
        .sorted { (distances[$0], $0) < (distances[$1], $1) }
    let total = kept.reduce(0) { $0 + Int(units[$1]) }
    var sum = 0.0
    for b in kept { sum += distances[b] * Double(units[b]) }
    var running = 0
    var median: Double?
    for b in kept {
        running += Int(units[b])
        if 2 * running >= total {
            median = distances[b]
            break
        }
    }
    let within = radii.map { r in kept.filter { distances[$0] <= r }.reduce(0) { $0 + Int(units[$1]) } }
    return DistanceSummary(totalUnits: total, mean: total > 0 ? sum / Double(total) : nil, median: median, radii: radii, unitsWithin: within)
}
