import Foundation
import Testing
@testable import Geo

@Suite struct RadixSortTests {
    /// The comparison sort it replaces: by value, ties by position in the input.
    static func reference(_ indices: [Int32], _ values: [Double]) -> [Int32] {
        indices.enumerated().sorted { a, b in
            values[Int(a.element)] != values[Int(b.element)] ? values[Int(a.element)] < values[Int(b.element)] : a.offset < b.offset
        }.map(\.element)
    }

    @Test func equalsAStableComparisonSort() {
        var rng = SplitMix64(seed: 0x5_0127)
        let distributions: [(String, () -> Double)] = [
            ("metres with centimetres", { (Double.random(in: 0..<5_000, using: &rng) * 100).rounded() / 100 }),
            ("many ties", { Double(Int.random(in: 0..<20, using: &rng)) }),
            ("wide range", { pow(10, Double.random(in: -300..<300, using: &rng)) }),
            ("zeros and tiny", { [0.0, -0.0, Double.leastNonzeroMagnitude, 1e-310, 5e-324][Int.random(in: 0..<5, using: &rng)] }),
        ]
        for (name, draw) in distributions {
            let values = (0..<20_000).map { _ in draw() }
            // A subset of the indices, shuffled, so "stable" means input order, not index order.
            var indices = (0..<Int32(values.count)).filter { $0 % 3 != 1 }
            indices.shuffle(using: &rng)
            #expect(RadixSort.ascending(indices, by: values) == Self.reference(indices, values), "\(name)")
        }
    }

    @Test func smallInputs() {
        #expect(RadixSort.ascending([], by: []) == [])
        #expect(RadixSort.ascending([0], by: [3]) == [0])
        #expect(RadixSort.ascending([2, 0, 1], by: [5, 5, 1]) == [2, 0, 1])
        #expect(RadixSort.ascending([0, 1, 2], by: [7, 7, 7]) == [0, 1, 2])
    }
}
