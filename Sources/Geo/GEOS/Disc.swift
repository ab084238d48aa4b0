import CGeos
import Foundation

/// Regular polygons standing in for circles. The ring is built directly from a table of
/// unit-circle vertices (about 0.3 µs) rather than with GEOSBuffer of a point (about 7 µs);
/// the vertices lie on the circle, as GEOSBuffer's do, so the polygon is inscribed.
public struct DiscShape: Sendable {
    /// Number of segments of the full circle.
    public let segments: Int
    let unitX: [Double]
    let unitY: [Double]

    /// `segments` ≥ 4. The first vertex is at angle 0 (east), then counter-clockwise.
    public init(segments: Int) {
        precondition(segments >= 4, "a disc needs at least 4 segments")
        self.segments = segments
        var xs = [Double](), ys = [Double]()
        for k in 0..<segments {
            let angle = 2 * Double.pi * Double(k) / Double(segments)
            xs.append(cos(angle))
            ys.append(sin(angle))
        }
        xs.append(xs[0]) // close the ring exactly
        ys.append(ys[0])
        unitX = xs
        unitY = ys
    }

    /// The area of the polygon for a radius (for tests: (n/2)·r²·sin(2π/n)).
    public func polygonArea(radius: Double) -> Double {
        Double(segments) / 2 * radius * radius * sin(2 * Double.pi / Double(segments))
    }
}

extension GEOSContext {
    /// A disc polygon of `radius` around (x, y).
    public func disc(x: Double, y: Double, radius: Double, shape: DiscShape) throws -> Geometry {
        let n = shape.segments + 1
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { buffer in
            let xs = buffer.baseAddress!, ys = buffer.baseAddress! + n
            for k in 0..<n {
                xs[k] = x + radius * shape.unitX[k]
                ys[k] = y + radius * shape.unitY[k]
            }
            let ring = try linearRing(xs: xs, ys: ys, count: n)
            // GEOSGeom_createPolygon_r takes ownership of the ring; no holes.
            return try Geometry(owning: GEOSGeom_createPolygon_r(handle, ring.releaseOwnership(), nil, 0),
                                in: self, operation: "GEOSGeom_createPolygon")
        }
    }
}
