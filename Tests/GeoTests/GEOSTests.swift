import CGeos
import Foundation
import Testing
@testable import Geo

/// A polygon from a list of (x, y) vertices (closed here).
private func polygon(_ context: GEOSContext, _ points: [(Double, Double)]) throws -> Geometry {
    let xs = points.map(\.0) + [points[0].0], ys = points.map(\.1) + [points[0].1]
    return try xs.withUnsafeBufferPointer { x in
        try ys.withUnsafeBufferPointer { y in try context.polygon(xs: x, ys: y, rings: [0..<xs.count]) }
    }
}

private func square(_ context: GEOSContext, _ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) throws -> Geometry {
    try polygon(context, [(minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY)])
}

/// The message of the `GeoError.geos` that `body` throws, with its operation.
private func geosFailure(_ body: () throws -> Void) -> (operation: String, message: String)? {
    guard case let .geos(operation, message)? = geoError(body) else { return nil }
    return (operation, message)
}

@Suite struct DiscTests {
    @Test(arguments: [4, 8, 13, 32, 64, 360])
    func discAreaAndVertices(segments: Int) throws {
        let context = GEOSContext()
        let shape = DiscShape(segments: segments)
        let (cx, cy, r) = (155_000.0, 463_000.0, 250.0)
        let disc = try context.disc(x: cx, y: cy, radius: r, shape: shape)
        #expect(disc.typeID == GEOSTypeID.polygon)
        #expect(disc.isValid())
        // (n/2)·r²·sin(2π/n), written out here rather than taken from the code under test.
        let expectedArea = Double(segments) / 2 * r * r * sin(2 * Double.pi / Double(segments))
        #expect(abs(try disc.area() - expectedArea) <= 1e-9 * expectedArea)
        #expect(abs(shape.polygonArea(radius: r) - expectedArea) <= 1e-12 * expectedArea)

        var column = GeometryColumn()
        try disc.appendPolygons(to: &column)
        let ring = column.coordinates(of: 0)
        #expect(ring.count == segments + 1)
        #expect(column.xs[ring.first!] == column.xs[ring.last!] && column.ys[ring.first!] == column.ys[ring.last!])
        #expect(column.xs[ring.first!] == cx + r && column.ys[ring.first!] == cy) // first vertex due east
        for i in ring {
            #expect(abs(euclideanDistance(cx, cy, column.xs[i], column.ys[i]) - r) <= 1e-9, "vertex \(i)")
        }
        // The ring is counter-clockwise, and its shoelace area agrees.
        let twiceArea = shoelace(column.xs[ring], column.ys[ring])
        #expect(twiceArea > 0)
        #expect(abs(twiceArea / 2 - expectedArea) <= 1e-6 * expectedArea)
    }

    @Test func aFourSegmentUnitDiscIsASquareOfAreaTwo() throws {
        let context = GEOSContext()
        let disc = try context.disc(x: 0, y: 0, radius: 1, shape: DiscShape(segments: 4))
        #expect(abs(try disc.area() - 2) <= 1e-15)
        let e = try disc.envelope()
        #expect(e.minX == -1 && e.maxX == 1 && e.minY == -1 && e.maxY == 1)
    }
}

@Suite struct UnionTests {
    @Test func twoIdenticalDiscsHaveTheAreaOfOne() throws {
        let context = GEOSContext()
        let shape = DiscShape(segments: 64)
        let area = shape.polygonArea(radius: 300)
        let union = try context.union(of: [try context.disc(x: 1000, y: 1000, radius: 300, shape: shape),
                                           try context.disc(x: 1000, y: 1000, radius: 300, shape: shape)])
        #expect(abs(try union.area() - area) <= 1e-9 * area)
        #expect(union.typeID == GEOSTypeID.polygon)
    }

    @Test func twoDiscsFarApartHaveTwiceTheArea() throws {
        let context = GEOSContext()
        let shape = DiscShape(segments: 64)
        let area = shape.polygonArea(radius: 300)
        let union = try context.union(of: [try context.disc(x: 0, y: 0, radius: 300, shape: shape),
                                           try context.disc(x: 5000, y: 0, radius: 300, shape: shape)])
        #expect(abs(try union.area() - 2 * area) <= 1e-9 * area)
        #expect(union.typeID == GEOSTypeID.multiPolygon)
        var column = GeometryColumn()
        try union.appendPolygons(to: &column)
        #expect(column.count == 1 && column.parts(of: 0).count == 2)
    }

    @Test func overlappingSquaresByHand() throws {
        let context = GEOSContext()
        // [0,2]² ∪ [1,3]² = 4 + 4 − 1; three squares in a row sharing edges make one rectangle.
        #expect(try context.union(of: [try square(context, 0, 0, 2, 2), try square(context, 1, 1, 3, 3)]).area() == 7)
        let row = try context.union(of: [try square(context, 0, 0, 1, 1), try square(context, 1, 0, 2, 1), try square(context, 2, 0, 3, 1)])
        #expect(try row.area() == 3)
        #expect(row.typeID == GEOSTypeID.polygon)
    }

    @Test func theUnionOfNothingIsEmpty() throws {
        let union = try GEOSContext().union(of: [])
        #expect(union.isEmpty)
        #expect(try union.area() == 0)
        var column = GeometryColumn()
        #expect(try union.appendPolygons(to: &column) == false)
        #expect(column.count == 0)
    }
}

@Suite struct OverlayTests {
    @Test func intersectionAndDifferenceOfSquaresByHand() throws {
        let context = GEOSContext()
        let a = try square(context, 0, 0, 4, 4) // area 16
        let b = try square(context, 2, 1, 6, 3) // area 8, half inside a
        let both = try a.intersection(b)
        #expect(try both.area() == 4)
        let e = try both.envelope()
        #expect(e.minX == 2 && e.minY == 1 && e.maxX == 4 && e.maxY == 3)
        #expect(try a.difference(b).area() == 12)
        #expect(try b.difference(a).area() == 4)
        #expect(try a.intersection(try square(context, 10, 10, 11, 11)).isEmpty)
        #expect(try a.envelopeIntersects(b))
        #expect(try !a.envelopeIntersects(try square(context, 4.5, 0, 5, 1)))
        #expect(try a.envelopeIntersects(try square(context, 4, 4, 5, 5))) // touching corners count
    }

    @Test func aDifferenceWithAHoleKeepsTheHole() throws {
        let context = GEOSContext()
        let ring = try square(context, 0, 0, 10, 10).difference(try square(context, 4, 4, 6, 6))
        #expect(try ring.area() == 96)
        var column = GeometryColumn()
        try ring.appendPolygons(to: &column)
        #expect(column.rings(of: 0).count == 2)
    }
}

@Suite struct PointOnSurfaceTests {
    @Test func aCShapeWhoseCentroidLiesOutside() throws {
        let context = GEOSContext()
        // A C opening to the right: bars 10×2 at the bottom and top, 2×6 on the left. Its
        // centroid is ((20·5 + 20·5 + 12·1)/52, 5) = (4.08, 5), in the mouth of the C.
        let c = try polygon(context, [(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10)])
        #expect(try c.area() == 52)
        let prepared = try PreparedGeometry(c)
        #expect(try !prepared.covers(x: 212.0 / 52, y: 5))
        let p = try c.pointOnSurface()
        #expect(try prepared.covers(x: p.x, y: p.y))
        #expect(try c.intersection(try context.point(x: p.x, y: p.y)).isEmpty == false)
    }

    @Test func anLShapeWhoseCentroidLiesOutside() throws {
        let context = GEOSContext()
        // Bars 10×1 and 1×9: centroid ((10·5 + 9·0.5)/19, (10·0.5 + 9·5.5)/19) = (2.87, 2.87).
        let l = try polygon(context, [(0, 0), (10, 0), (10, 1), (1, 1), (1, 10), (0, 10)])
        let prepared = try PreparedGeometry(l)
        #expect(try !prepared.covers(x: 54.5 / 19, y: 54.5 / 19))
        let p = try l.pointOnSurface()
        #expect(try prepared.covers(x: p.x, y: p.y))
    }

    @Test func coversIncludesTheBoundary() throws {
        let context = GEOSContext()
        let prepared = try PreparedGeometry(try square(context, 0, 0, 10, 10))
        #expect(try prepared.covers(x: 0, y: 5))
        #expect(try prepared.covers(x: 10, y: 10))
        #expect(try prepared.covers(x: 5, y: 5))
        #expect(try !prepared.covers(x: 10.000001, y: 5))
    }
}

@Suite struct PolygonExtractionTests {
    @Test func orientationIsCounterClockwiseOutsideAndClockwiseForHoles() throws {
        let context = GEOSContext()
        // Exterior clockwise (up, right, down), hole counter-clockwise.
        let wrong = try context.geometry(wkt: "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))")
        #expect(shoelace([0, 0, 10, 10, 0][...], [0, 10, 10, 0, 0][...]) < 0)
        var column = GeometryColumn()
        #expect(try wrong.appendPolygons(to: &column))
        #expect(column.count == 1 && column.kinds == [.multiPolygon])
        let rings = column.rings(of: 0)
        #expect(rings.count == 2)
        let outer = column.coordinates(of: rings.lowerBound), hole = column.coordinates(of: rings.lowerBound + 1)
        #expect(shoelace(column.xs[outer], column.ys[outer]) == 200)
        #expect(shoelace(column.xs[hole], column.ys[hole]) == -8)
        // The same vertices, reversed.
        #expect(Array(column.xs[outer]) == [0, 10, 10, 0, 0] && Array(column.ys[outer]) == [0, 0, 10, 10, 0])
        #expect(Array(column.xs[hole]) == [2, 2, 4, 4, 2] && Array(column.ys[hole]) == [2, 4, 4, 2, 2])
    }

    @Test func correctlyOrientedRingsAreKeptAsTheyAre() throws {
        let context = GEOSContext()
        let right = try context.geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        var column = GeometryColumn()
        try right.appendPolygons(to: &column)
        #expect(Array(column.xs[column.coordinates(of: 0)]) == [0, 10, 10, 0, 0])
        #expect(Array(column.xs[column.coordinates(of: 1)]) == [2, 2, 4, 4, 2])
    }

    @Test func collectionsKeepOnlyTheirPolygons() throws {
        let context = GEOSContext()
        let mixed = try context.geometry(wkt: """
            GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 5 5), POLYGON ((0 0, 0 1, 1 1, 0 0)),
              MULTIPOLYGON (((10 10, 11 10, 11 11, 10 10)), EMPTY), POLYGON EMPTY)
            """)
        var column = GeometryColumn()
        column.appendPoint(-1, -1) // an earlier feature is left alone
        #expect(try mixed.appendPolygons(to: &column))
        #expect(column.count == 2)
        #expect(column.parts(of: 1).count == 2)
        for part in column.parts(of: 1) {
            let r = column.coordinates(of: column.rings(of: part).lowerBound)
            #expect(shoelace(column.xs[r], column.ys[r]) > 0)
        }
        var empty = GeometryColumn()
        #expect(try context.geometry(wkt: "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))").appendPolygons(to: &empty) == false)
        #expect(empty.count == 0 && empty.xs.isEmpty)
    }

    @Test func writerOutputOfExtractedPolygonsFollowsRFC7946() throws {
        let context = GEOSContext()
        var column = GeometryColumn()
        try context.geometry(wkt: "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))").appendPolygons(to: &column)
        let bytes = GeoJSONWriter(crs: .rdNew).document(column) { _ in [] }
        let back = try readGeoJSON(String(decoding: bytes, as: UTF8.self)).geometries
        let a = back.coordinates(of: 0), b = back.coordinates(of: 1)
        #expect(shoelace(back.xs[a], back.ys[a]) > 0 && shoelace(back.xs[b], back.ys[b]) < 0)
    }
}

@Suite struct GeometryConversionTests {
    @Test func featuresOfAColumnBecomeGEOSGeometries() throws {
        let table = try readGeoJSON("""
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[3,4]}},
             {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}},
             {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[7,5],[7,7],[5,7],[5,5]]]]}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}
            ]}
            """)
        let context = GEOSContext()
        let point = try context.geometry(feature: 0, of: table.geometries)
        #expect(point.typeID == GEOSTypeID.point)
        #expect(try point.pointCoordinates() == (3, 4))
        let polygon = try context.geometry(feature: 1, of: table.geometries)
        #expect(polygon.typeID == GEOSTypeID.polygon)
        #expect(try polygon.area() == 96)
        let multi = try context.geometry(feature: 2, of: table.geometries)
        #expect(multi.typeID == GEOSTypeID.multiPolygon)
        #expect(try multi.area() == 4.5)
        let line = try #require(geosFailure { _ = try context.geometry(feature: 3, of: table.geometries) })
        #expect(line.message.contains("LineString"))
    }

    @Test func wkbRoundTrip() throws {
        let context = GEOSContext()
        let original = try context.geometry(wkt: "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2)), ((20 20, 21.5 20, 21 21.25, 20 20)))")
        let wkb = try original.wkb()
        // Header 1 + 4 + 4; per polygon 1 + 4 + 4, per ring 4 + 16 per point (2D):
        // 9 + (9 + 2·(4 + 5·16)) + (9 + 4 + 4·16) = 263.
        #expect(wkb.count == 263)
        let copy = try context.geometry(wkb: wkb)
        #expect(try copy.wkb() == wkb)
        #expect(copy.wkt(decimals: 6) == original.wkt(decimals: 6))
        #expect(try copy.area() == original.area())
        let other = GEOSContext() // WKB moves geometries between contexts
        #expect(try other.geometry(wkb: wkb).area() == original.area())
    }

    @Test func cloneAndProperties() throws {
        let context = GEOSContext()
        var clone: Geometry
        do {
            let original = try square(context, 0, 0, 3, 2)
            clone = try original.clone()
        }
        #expect(try clone.area() == 6)
        #expect(clone.wkt(decimals: 1) == "POLYGON ((0 0, 3 0, 3 2, 0 2, 0 0))")
        #expect(try context.point(x: 1.5, y: -2).wkt() == "POINT (1.5 -2)")
        #expect(try context.emptyPolygon().isEmpty)
        let bowTie = try context.geometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))")
        #expect(!bowTie.isValid())
        #expect(try square(context, 0, 0, 1, 1).isValid())
    }

    @Test func aCollectionTakesItsMembers() throws {
        let context = GEOSContext()
        let multi = try context.collection(GEOSTypeID.multiPolygon, taking: [try square(context, 0, 0, 1, 1), try square(context, 2, 0, 3, 1)])
        #expect(multi.typeID == GEOSTypeID.multiPolygon)
        #expect(try multi.area() == 2)
    }
}

@Suite struct GEOSErrorTests {
    @Test func anUnclosedRingCarriesGEOSsOwnMessage() throws {
        let context = GEOSContext()
        let xs: [Double] = [0, 1, 1, 0], ys: [Double] = [0, 0, 1, 1]
        let failure = try #require(geosFailure {
            _ = try xs.withUnsafeBufferPointer { x in
                try ys.withUnsafeBufferPointer { y in try context.polygon(xs: x, ys: y, rings: [0..<4]) }
            }
        })
        #expect(failure.operation == "GEOSGeom_createLinearRing")
        #expect(failure.message.contains("closed"), "\(failure.message)")
        #expect(failure.message != "no message from GEOS")
        // The context still works, and the next failure has its own message, not the old one.
        #expect(try square(context, 0, 0, 1, 1).area() == 1)
        let parse = try #require(geosFailure { _ = try context.geometry(wkt: "POINT (1") })
        #expect(parse.message.contains("ParseException") && !parse.message.contains("closed"), "\(parse.message)")
        // GEOS 3.11 builds a closed ring of 3 positions without complaint, but the polygon is
        // invalid (which is why the GeoJSON reader insists on 4).
        let x: [Double] = [0, 1, 0], y: [Double] = [0, 0, 0]
        let thin = try x.withUnsafeBufferPointer { x in
            try y.withUnsafeBufferPointer { y in try context.polygon(xs: x, ys: y, rings: [0..<3]) }
        }
        #expect(!thin.isValid())
    }

    @Test func invalidTextAndBinaryCarryGEOSsMessage() throws {
        let context = GEOSContext()
        for wkt in ["POLYGON ((0 0, 1 1", "CIRCLE (1 2)", ""] {
            let failure = try #require(geosFailure { _ = try context.geometry(wkt: wkt) }, "\(wkt)")
            #expect(failure.operation == "GEOSWKTReader_read")
            #expect(failure.message.contains("ParseException"), "\(failure.message)")
        }
        let wkb = try #require(geosFailure { _ = try context.geometry(wkb: [1, 3, 0, 0, 0, 1]) })
        #expect(!wkb.message.isEmpty && wkb.message != "no message from GEOS", "\(wkb.message)")
        #expect(GeoError.geos(operation: "X", message: "boom").description == "GEOS X failed: boom")
    }

    @Test func pointCoordinatesOfAPolygonFail() throws {
        let context = GEOSContext()
        let failure = try #require(geosFailure { _ = try square(context, 0, 0, 1, 1).pointCoordinates() })
        #expect(!failure.message.isEmpty && failure.message != "no message from GEOS", "\(failure.message)")
    }

    @Test func contextsWorkOnSeveralThreadsAtOnce() throws {
        // One context per thread, as documented.
        let areas = UnsafeMutableBufferPointer<Double>.allocate(capacity: 8)
        defer { areas.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let context = GEOSContext()
            let shape = DiscShape(segments: 32)
            let discs = (0..<50).map { i in try! context.disc(x: Double(i) * 10, y: 0, radius: 20, shape: shape) }
            areas[k] = (try? context.union(of: discs).area()) ?? -1
        }
        for k in 1..<8 { #expect(areas[k] == areas[0]) }
        #expect(areas[0] > 0)
    }
}
