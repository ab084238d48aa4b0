/// The straight-line ("hemelsbreed") distance between two points in a projected CRS.
/// Every distance cirkel compares or reports is computed by this one function, so that a
/// distance exactly at a radius is judged the same way everywhere.
@inline(__always)
public func euclideanDistance(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
    let dx = x1 - x2, dy = y1 - y2
    return (dx * dx + dy * dy).squareRoot()
}
