import Foundation
import Testing
@testable import Geo

/// The RD origin (Onze Lieve Vrouwetoren, Amersfoort) per RDNAPTRANS: x 155000, y 463000 at
/// latitude 52.15517440, longitude 5.38720621.
private let originLatitude = 52.15517440, originLongitude = 5.38720621

@Suite struct ProjectionTests {
    @Test func amersfoortToRDNew() throws {
        let projection = try Projection(from: .wgs84, to: .rdNew)
        var xs = [originLongitude], ys = [originLatitude]
        try projection.transform(xs: &xs, ys: &ys)
        // Within 0.5 m of RDNAPTRANS (PROJ without the Dutch grid uses a Helmert transformation).
        #expect(euclideanDistance(xs[0], ys[0], 155_000, 463_000) < 0.5, "got (\(xs[0]), \(ys[0]))")
    }

    @Test func rdNewOriginToDegrees() throws {
        let projection = try Projection(from: .rdNew, to: .wgs84)
        var xs = [155_000.0], ys = [463_000.0]
        try projection.transform(xs: &xs, ys: &ys)
        // 0.5 m is 0.5 / 111 320 degrees of latitude, and 1/cos(52.155°) times that of longitude.
        let metresPerDegreeLatitude = 111_320.0, metresPerDegreeLongitude = 111_320.0 * cos(originLatitude * .pi / 180)
        #expect(abs(ys[0] - originLatitude) * metresPerDegreeLatitude < 0.5, "latitude \(ys[0])")
        #expect(abs(xs[0] - originLongitude) * metresPerDegreeLongitude < 0.5, "longitude \(xs[0])")
    }

    @Test func theInverseReturnsToTheSameDegrees() throws {
        let forward = try Projection(from: .wgs84, to: .rdNew), inverse = try Projection(from: .rdNew, to: .wgs84)
        var xs = [originLongitude, 3.3, 7.2, 6.56], ys = [originLatitude, 50.75, 53.5, 53.22]
        let (lon, lat) = (xs, ys)
        try forward.transform(xs: &xs, ys: &ys)
        #expect(xs.allSatisfy { RDNewDomain.xRange.contains($0) })
        try inverse.transform(xs: &xs, ys: &ys)
        for i in xs.indices {
            #expect(abs(xs[i] - lon[i]) < 1e-6 && abs(ys[i] - lat[i]) < 1e-6, "point \(i)")
        }
    }

    @Test func aRoundTripOfTenThousandDutchPoints() throws {
        var rng = SplitMix64(seed: 0x28992_4326)
        let n = 10_000
        let x0 = (0..<n).map { _ in Double.random(in: 13_000...278_000, using: &rng) }
        let y0 = (0..<n).map { _ in Double.random(in: 306_000...620_000, using: &rng) }
        var xs = x0, ys = y0
        let toDegrees = try Projection(from: .rdNew, to: .wgs84), toRD = try Projection(from: .wgs84, to: .rdNew)
        try toDegrees.transform(xs: &xs, ys: &ys)
        // Degrees in and around the Netherlands, longitude first.
        #expect(xs.allSatisfy { (2.5...7.6).contains($0) } && ys.allSatisfy { (50.5...53.8).contains($0) })
        let (lon, lat) = (xs, ys)
        try toRD.transform(xs: &xs, ys: &ys)
        var worst = 0.0
        for i in 0..<n { worst = max(worst, euclideanDistance(xs[i], ys[i], x0[i], y0[i])) }
        // Not 1e-6 m: PROJ's Helmert step works in 3D and keeps the input's height (0) on
        // either side, so RD → WGS84 → RD is not an exact inverse; the horizontal effect of the
        // ~43 m height difference between the ellipsoids is about half a millimetre (measured
        // worst 0.57 mm). A millimetre bound still catches any swapped axis or wrong operation.
        #expect(worst < 1e-3, "worst round-trip error \(worst) m")

        // The whole array in one call gives bit for bit what one point at a time gives.
        for i in stride(from: 0, to: n, by: 997) {
            var x = [lon[i]], y = [lat[i]]
            try toRD.transform(xs: &x, ys: &y)
            #expect(x[0].bitPattern == xs[i].bitPattern && y[0].bitPattern == ys[i].bitPattern, "point \(i)")
        }
    }

    @Test func theOperationAtTheOriginReproducesPROJsChoiceEverywhere() throws {
        // The pipeline of the operation PROJ uses at the origin, created directly, gives the
        // same bits as proj_create_crs_to_crs on points all over (and around) the Netherlands.
        let chosen = try Projection(from: .wgs84, to: .rdNew)
        let definition = try chosen.definition(at: RDNewDomain.originLongitude, RDNewDomain.originLatitude)
        #expect(definition.hasPrefix("+proj=pipeline") && definition.contains("+proj=sterea"), "\(definition)")
        let direct = try Projection(definition: definition, from: .wgs84, to: .rdNew)
        var rng = SplitMix64(seed: 99)
        var xs = (0 ..< 10_000).map { _ in Double.random(in: 3.2 ..< 7.3, using: &rng) }
        var ys = (0 ..< 10_000).map { _ in Double.random(in: 50.7 ..< 53.7, using: &rng) }
        var xs2 = xs, ys2 = ys
        try chosen.transform(xs: &xs, ys: &ys)
        try direct.transform(xs: &xs2, ys: &ys2)
        #expect(xs.map(\.bitPattern) == xs2.map(\.bitPattern) && ys.map(\.bitPattern) == ys2.map(\.bitPattern))
        #expect(geoError { _ = try Projection(definition: "+proj=nonsense", from: .wgs84, to: .rdNew) } != nil)
    }

    @Test func onlyTheGivenRangeIsTransformed() throws {
        let projection = try Projection(from: .wgs84, to: .rdNew)
        var xs = [1.0, originLongitude, originLongitude, 2.0], ys = [3.0, originLatitude, originLatitude, 4.0]
        try projection.transform(xs: &xs, ys: &ys, range: 1..<3)
        #expect(xs[0] == 1 && ys[0] == 3 && xs[3] == 2 && ys[3] == 4)
        #expect(xs[1] == xs[2] && ys[1] == ys[2])
        #expect(abs(xs[1] - 155_000) < 0.5 && abs(ys[1] - 463_000) < 0.5)
        var empty: [Double] = []
        var alsoEmpty: [Double] = []
        try projection.transform(xs: &empty, ys: &alsoEmpty)
        try projection.transform(xs: &xs, ys: &ys, range: 2..<2)
        #expect(xs[2] == xs[1])
    }

    @Test func aPointThatCannotBeTransformedBecomesInfinite() throws {
        let projection = try Projection(from: .wgs84, to: .rdNew)
        var xs = [originLongitude, 5.0, 4.9], ys = [originLatitude, 95.0, 52.37]
        // PROJ does not fail the call: the impossible point becomes infinite (HUGE_VAL), which
        // the domain check reports, and its neighbours are transformed as usual.
        try projection.transform(xs: &xs, ys: &ys)
        #expect(xs[1] == .infinity && ys[1] == .infinity, "latitude 95 became (\(xs[1]), \(ys[1]))")
        #expect(!RDNewDomain.contains(x: xs[1], y: ys[1]))
        #expect(abs(xs[0] - 155_000) < 0.5 && abs(ys[0] - 463_000) < 0.5)
        #expect(RDNewDomain.contains(x: xs[2], y: ys[2]))
        // The projection stays usable afterwards.
        var x = [originLongitude], y = [originLatitude]
        try projection.transform(xs: &x, ys: &y)
        #expect(abs(x[0] - 155_000) < 0.5 && abs(y[0] - 463_000) < 0.5)
    }

    @Test func theRDNewDomainAndItsHints() {
        #expect(RDNewDomain.contains(x: 155_000, y: 463_000))
        #expect(RDNewDomain.contains(x: -7_000, y: 289_000) && RDNewDomain.contains(x: 300_000, y: 629_000))
        #expect(!RDNewDomain.contains(x: -7_000.01, y: 400_000))
        #expect(!RDNewDomain.contains(x: 5.38, y: 52.15))
        #expect(!RDNewDomain.contains(x: .infinity, y: 400_000) && !RDNewDomain.contains(x: .nan, y: 400_000))
        #expect(RDNewDomain.hint(originalX: 52.15, originalY: 5.38, declared: .wgs84).contains("latitude, longitude"))
        #expect(RDNewDomain.hint(originalX: 155_000, originalY: 463_000, declared: .wgs84).contains("EPSG:28992"))
        #expect(RDNewDomain.hint(originalX: -70, originalY: 40, declared: .wgs84).contains("not in the Netherlands"))
        #expect(RDNewDomain.hint(originalX: 5.38, originalY: 52.15, declared: .rdNew).contains("degrees"))
        #expect(RDNewDomain.hint(originalX: 900_000, originalY: 463_000, declared: .rdNew).contains("outside"))
    }
}
