/// Stable sorting of many non-negative numbers by their bits.
///
/// For finite doubles ≥ 0, the IEEE 754 bit pattern read as an unsigned integer orders the
/// same way as the numbers. A least-significant-digit radix sort on those bits, 16 at a time,
/// sorts millions of them in four linear passes, about ten times faster than a comparison
/// sort that looks every value up through an index. Stable: equal values keep their order.
public enum RadixSort {
    /// `indices` (each an index into `values`) ordered by ascending `values[index]`, equal
    /// values in the order given. Every value must be finite and ≥ 0.
    public static func ascending(_ indices: [Int32], by values: [Double]) -> [Int32] {
        let n = indices.count
        guard n > 1 else { return indices }
        var keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
            for (k, i) in indices.enumerated() {
                let value = values[Int(i)]
                precondition(value.isFinite && value >= 0, "radix order needs finite numbers ≥ 0, found \(value)")
                // +0.0 and -0.0 compare equal; both sort as 0.
                buffer[k] = value == 0 ? 0 : value.bitPattern
            }
            count = n
        }
        var order = indices
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratchOrder = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            // A digit that is the same for every key moves nothing: skip the pass.
            let first = (keys[0] >> UInt64(shift)) & 0xFFFF
            if keys.allSatisfy({ ($0 >> UInt64(shift)) & 0xFFFF == first }) { continue }
            for k in counts.indices { counts[k] = 0 }
            for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF)] += 1 }
            var position = 0
            for k in counts.indices {
                let c = counts[k]
                counts[k] = position
                position += c
            }
            for k in 0..<n {
                let digit = Int((keys[k] >> UInt64(shift)) & 0xFFFF)
                let target = counts[digit]
                counts[digit] = target + 1
                scratchKeys[target] = keys[k]
                scratchOrder[target] = order[k]
            }
            swap(&keys, &scratchKeys)
            swap(&order, &scratchOrder)
        }
        return order
    }
}
