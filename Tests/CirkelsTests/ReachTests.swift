import Foundation
import Testing
@testable import Cirkels

/// Reach on random data equals a brute-force O(n·m) computation.
struct ReachTests {
    static func randomData(seed: UInt64, buildings n: Int, voorzieningen m: Int) -> DataSet {
        var rng = SplitMix64(seed: seed)
        let types = ["huisarts", "zorgcentrum", "ontmoetingsruimte", "apotheek", "supermarkt", "ov_halte", "bibliotheek"]
        var b = Buildings(), v = Voorzieningen()
        for k in 0..<n {
            // Half spread over 5 km, half in a 300 m blob, so both sparse and dense cases occur.
            let spread = k % 2 == 0 ? 5000.0 : 300.0
            b.append(id: "b\(k)", x: 150_000 + Double.random(in: 0..<spread, using: &rng), y: 450_000 + Double.random(in: 0..<spread, using: &rng),
                     units: Int.random(in: 0...20, using: &rng), nultredenAllowed: Bool.random(using: &rng))
        }
        for _ in 0..<m {
            v.append(type: types.randomElement(using: &rng)!, name: "", x: 150_000 + Double.random(in: -500..<5500, using: &rng),
                     y: 450_000 + Double.random(in: -500..<5500, using: &rng))
        }
        return DataSet(buildings: b, voorzieningen: v, buurten: Buurten(), source: "random(\(seed))")
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func distancesEqualBruteForce(seed: UInt64) throws {
        let data = Self.randomData(seed: seed, buildings: 3000, voorzieningen: 60)
        let profile = BuiltInProfiles.woonzorgcirkel
        let reach = try Reach(profile: profile, buildings: data.buildings, voorzieningen: data.voorzieningen, parallelism: Parallelism(workers: 2))
        for (c, criterion) in profile.criteria.enumerated() {
            for b in 0..<data.buildings.count {
                var best = Double.infinity
                for v in 0..<data.voorzieningen.count where criterion.types.contains(data.voorzieningen.types[v]) {
                    let dx = data.buildings.xs[b] - data.voorzieningen.xs[v], dy = data.buildings.ys[b] - data.voorzieningen.ys[v]
                    best = min(best, (dx * dx + dy * dy).squareRoot())
                }
                #expect(reach.distances[c][b] == best, "criterion \(criterion.name), building \(b)")
            }
        }
        // Scores and qualification from the brute-force distances, by the SPEC's rules.
        for b in 0..<data.buildings.count {
            var score = 0.0
            var complete = true
            for (c, criterion) in profile.criteria.enumerated() {
                let d = reach.distances[c][b]
                let ideal = criterion.ideal ?? criterion.radius
                score += d <= ideal ? criterion.weight : (d <= criterion.radius ? criterion.weight / 2 : 0)
                if criterion.required && d > criterion.radius { complete = false }
            }
            #expect(reach.scores[b] == score)
            #expect(reach.qualifying[b] == (complete && data.buildings.units[b] >= 1 && data.buildings.nultredenAllowed[b]))
        }
    }

    @Test func criterionWithoutVoorzieningenIsInfinite() throws {
        var data = Self.randomData(seed: 9, buildings: 10, voorzieningen: 0)
        data.voorzieningen = Voorzieningen()
        let reach = try Reach(profile: BuiltInProfiles.woonzorgcirkel, buildings: data.buildings, voorzieningen: data.voorzieningen,
                              parallelism: Parallelism(workers: 1))
        #expect(reach.distances.allSatisfy { $0.allSatisfy(\.isInfinite) })
        #expect(reach.scores.allSatisfy { $0 == 0 })
        #expect(!reach.complete.contains(true))
    }
}
