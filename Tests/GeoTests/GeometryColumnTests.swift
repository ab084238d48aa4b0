import Testing
@testable import Geo

/// One feature of every kind, built by hand:
/// 0 Point (5.1, 52.25); 1 MultiPoint (1,2) (3,4); 2 LineString (0,0) (1,1) (2,0);
/// 3 MultiLineString [(0,0) (1,0)] [(5,5) (6,6)]; 4 Polygon 10×10 with a 2×2 hole;
/// 5 MultiPolygon of a triangle and a unit square.
func everyKind() -> GeometryColumn {
    var g = GeometryColumn()
    g.appendPoint(5.1, 52.25)
    for (x, y) in [(1.0, 2.0), (3, 4)] {
        g.appendCoordinate(x, y); g.endRing(); g.endPart()
    }
    g.endFeature(kind: .multiPoint)
    for (x, y) in [(0.0, 0.0), (1, 1), (2, 0)] { g.appendCoordinate(x, y) }
    g.endRing(); g.endPart(); g.endFeature(kind: .lineString)
    for line in [[(0.0, 0.0), (1, 0)], [(5, 5), (6, 6)]] {
        for (x, y) in line { g.appendCoordinate(x, y) }
        g.endRing(); g.endPart()
    }
    g.endFeature(kind: .multiLineString)
    for (x, y) in [(0.0, 0.0), (10, 0), (10, 10), (0, 10), (0, 0)] { g.appendCoordinate(x, y) }
    g.endRing()
    for (x, y) in [(2.0, 2.0), (2, 4), (4, 4), (4, 2), (2, 2)] { g.appendCoordinate(x, y) }
    g.endRing(); g.endPart(); g.endFeature(kind: .polygon)
    for (x, y) in [(20.0, 0.0), (30, 0), (25, 5), (20, 0)] { g.appendCoordinate(x, y) }
    g.endRing(); g.endPart()
    for (x, y) in [(0.0, 0.0), (1, 0), (1, 1), (0, 1), (0, 0)] { g.appendCoordinate(x, y) }
    g.endRing(); g.endPart(); g.endFeature(kind: .multiPolygon)
    return g
}

@Suite struct GeometryColumnTests {
    @Test func offsetsOfEveryKind() {
        let g = everyKind()
        #expect(g.count == 6)
        #expect(g.partStart == [0, 1, 3, 4, 6, 7, 9])
        #expect(g.ringStart == [0, 1, 2, 3, 4, 5, 6, 8, 9, 10])
        #expect(g.coordinateStart == [0, 1, 2, 3, 6, 8, 10, 15, 20, 24, 29])
        #expect(g.coordinateRange(of: 4) == 10..<20)
        #expect(g.coordinateRange(of: 5) == 20..<29)
    }

    @Test func appendPartsCopiesAFeature() {
        let g = everyKind()
        var copy = GeometryColumn()
        copy.appendPoint(-1, -1)
        copy.appendParts(of: 4, from: g)
        copy.appendParts(of: 5, from: g) // two features merged into one
        copy.endFeature(kind: .multiPolygon)
        copy.appendParts(of: 99, from: g) // out of range: nothing
        #expect(copy.count == 2)
        #expect(copy.parts(of: 1).count == 3)
        #expect(Array(copy.xs[1...]) == Array(g.xs[10..<29]))
        #expect(Array(copy.ys[1...]) == Array(g.ys[10..<29]))
        #expect(copy.rings(of: 1).count == 2 && copy.rings(of: 3).count == 1)
    }

    @Test func mutatingCoordinatesInPlace() {
        var g = everyKind()
        g.withMutableCoordinates { xs, ys in
            for i in xs.indices { xs[i] += 100; ys[i] *= 2 }
        }
        #expect(g.xs.first == 5.1 + 100 && g.ys.first == 104.5)
        #expect(g.coordinateStart == everyKind().coordinateStart)
    }

    @Test func geometryKindNames() {
        for kind in GeometryKind.allCases {
            #expect(GeometryKind(geoJSONName: kind.geoJSONName) == kind)
        }
        #expect(GeometryKind(geoJSONName: "GeometryCollection") == nil)
        #expect(GeometryKind(geoJSONName: "point") == nil)
        #expect(GeometryKind.allCases.filter(\.isPolygonal) == [.polygon, .multiPolygon])
    }
}
