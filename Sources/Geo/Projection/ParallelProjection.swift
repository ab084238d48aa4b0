extension Projection {
    /// Transforms whole coordinate arrays in place on the workers of `parallelism`: one PROJ
    /// transformation per worker (creating one costs about 20 ms, so fewer workers are used
    /// below `minimumPerWorker` points each) on contiguous slices.
    public static func transform(xs: inout [Double], ys: inout [Double], from source: CoordinateReferenceSystem,
                                 to target: CoordinateReferenceSystem, parallelism: Parallelism,
                                 minimumPerWorker: Int = 200_000) throws {
        precondition(xs.count == ys.count, "xs and ys must have the same length")
        guard source != target, !xs.isEmpty else { return }
        let count = xs.count
        try xs.withUnsafeMutableBufferPointer { xBuffer in
            try ys.withUnsafeMutableBufferPointer { yBuffer in
                let xBase = SendablePointer(xBuffer.baseAddress!), yBase = SendablePointer(yBuffer.baseAddress!)
                try parallelism.forEachRange(count: count, minimumPerWorker: minimumPerWorker) { range, _ in
                    let projection = try Projection(from: source, to: target)
                    try projection.transform(xs: xBase.pointer + range.lowerBound, ys: yBase.pointer + range.lowerBound, count: range.count)
                }
            }
        }
    }
}
