import Foundation
@testable import Cirkels

/// A random but reproducible data set with buurten: buildings in a 3 × 3 km square (a third
/// of them in a dense centre), voorzieningen of every type, and a 3 × 3 grid of buurten that
/// covers only part of the square, one of them duplicated so two buurten overlap.
enum RandomTown {
    static func fixture(seed: UInt64, buildings: Int = 1500, voorzieningen: Int = 40) -> Fixture {
        var rng = SplitMix64(seed: seed)
        let origin = (x: 140_000.0, y: 460_000.0)
        var f = Fixture()
        for k in 0..<buildings {
            let dense = k % 3 == 0
            let x = origin.x + (dense ? 1200 + Double.random(in: 0..<600, using: &rng) : Double.random(in: 0..<3000, using: &rng))
            let y = origin.y + (dense ? 1200 + Double.random(in: 0..<600, using: &rng) : Double.random(in: 0..<3000, using: &rng))
            let nultreden: Bool? = [true, false, nil].randomElement(using: &rng)!
            f.buildings.append(.init(x: (x * 100).rounded() / 100, y: (y * 100).rounded() / 100,
                                     units: Int.random(in: 0...12, using: &rng), nultreden: nultreden, id: "r\(k)",
                                     square: k % 5 == 0 ? 12 : nil))
        }
        let types = ["huisarts", "zorgcentrum", "ontmoetingsruimte", "apotheek", "supermarkt", "bibliotheek"]
        for k in 0..<voorzieningen {
            f.voorzieningen.append(.init(type: types[k % types.count], x: origin.x + Double(Int.random(in: 0..<300_000, using: &rng)) / 100,
                                         y: origin.y + Double(Int.random(in: 0..<300_000, using: &rng)) / 100, name: "v\(k)"))
        }
        for _ in 0..<voorzieningen {
            f.haltes.append((origin.x + Double(Int.random(in: 0..<300_000, using: &rng)) / 100, origin.y + Double(Int.random(in: 0..<300_000, using: &rng)) / 100))
        }
        for i in 0..<3 {
            for j in 0..<3 {
                let minX = origin.x + 300 + Double(i) * 800, minY = origin.y + 300 + Double(j) * 800
                f.buurten.append(.init(code: "BU\(i)\(j)", name: "Buurt \(i)\(j)", minX: minX, minY: minY, maxX: minX + 800, maxY: minY + 800))
            }
        }
        f.buurten.append(.init(code: "BUX", name: "Overlapt", minX: origin.x + 700, minY: origin.y + 700, maxX: origin.x + 1500, maxY: origin.y + 1500))
        return f
    }
}
