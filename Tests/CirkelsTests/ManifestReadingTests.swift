import TestSupport
import Foundation
import Testing
@testable import Cirkels

/// A data set in the formats analysts download (BAG and CBS GeoPackages written here with
/// SQLite's C API, a GTFS feed, POI CSVs), described by a manifest; every expected count is
/// worked out by hand from the rows below.
struct RealFormatsFixture {
    let folder: URL

    init(_ name: String = #function, manifest: String? = nil) throws {
        folder = TestFolders.url("cirkel-manifest-\(name.filter(\.isLetter))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeBAG()
        try writeBuurten()
        try writeCSVs()
        try writeGTFS()
        try (manifest ?? Self.manifest).write(to: folder.appendingPathComponent("manifest.toml"), atomically: true, encoding: .utf8)
    }

    static let manifest = """
        # the test data set
        [buildings]
        format = "bag"
        file = "bag.gpkg"

        [buurten]
        format = "cbs"
        file = "wijkenbuurten.gpkg"

        [haltes]
        format = "gtfs"
        file = "gtfs"

        [[voorzieningen]]
        format = "csv"
        file = "zorg.csv"
        x = "x"
        y = "y"
        type = "soort"
        name = "naam"

        [[voorzieningen]]
        format = "csv"
        file = "osm.csv"
        lon = "lon"
        lat = "lat"
        name = "name"
        mapping = "osm"
        """

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Seven verblijfsobjecten: three existing homes (two flats in pand P1, one mixed-use
    /// object in P2), a shop, and homes withdrawn, planned and never built.
    func writeBAG() throws {
        let gpkg = TestGeoPackage(path: path("bag.gpkg"))
        gpkg.addLayer("verblijfsobject", srs: 28992, columns: [("identificatie", "TEXT"), ("gebruiksdoel", "TEXT"), ("status", "TEXT"), ("pand_identificatie", "TEXT")], geometryType: "POINT")
        let rows: [(Double, Double, String, String, String)] = [
            (155_000, 463_000, "woonfunctie", "Verblijfsobject in gebruik", "P1"),
            (155_000, 463_000, "woonfunctie", "Verblijfsobject in gebruik", "P1"),
            (155_010, 463_000, "woonfunctie,winkelfunctie", "Verblijfsobject in gebruik (niet ingemeten)", "P2"),
            (155_020, 463_000, "winkelfunctie", "Verblijfsobject in gebruik", "P3"),
            (155_030, 463_000, "woonfunctie", "Verblijfsobject ingetrokken", "P4"),
            (155_040, 463_000, "woonfunctie", "Verblijfsobject gevormd", "P5"),
            (155_050, 463_000, "woonfunctie", "Niet gerealiseerd verblijfsobject", "P6"),
        ]
        for (k, row) in rows.enumerated() {
            gpkg.insert(into: "verblijfsobject", fid: k + 1, geometry: gpkgBlob(TestWKB.point(row.0, row.1), srs: 28992),
                        values: [String(format: "03560100000000%02d", k + 1), row.2, row.3, row.4],
                        columns: ["identificatie", "gebruiksdoel", "status", "pand_identificatie"])
        }
    }

    /// Two buurten of CBS: a land buurt around the homes (nabijheid 0.3 km to a huisarts)
    /// and a water buurt without a wijkcode (derived from its buurtcode) or nabijheid.
    func writeBuurten() throws {
        let gpkg = TestGeoPackage(path: path("wijkenbuurten.gpkg"))
        gpkg.addLayer("gemeenten", srs: 28992, columns: [("gemeentecode", "TEXT")])
        let columns = ["buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "gemeentenaam", "water", "cbs_AF_ARTSPR"]
        gpkg.addLayer("buurten", srs: 28992, columns: columns.map { ($0, $0 == "cbs_AF_ARTSPR" ? "REAL" : "TEXT") }, geometryType: "MULTIPOLYGON")
        func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [UInt8] {
            gpkgBlob(TestWKB.multiPolygon([[[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]]), srs: 28992, envelope: 1)
        }
        gpkg.insert(into: "buurten", fid: 1, geometry: square(154_900, 462_900, 155_100, 463_100),
                    values: ["BU03560101", "Centrum", "WK035601", "GM0356", "Nieuwegein", "NEE", 0.3], columns: columns)
        gpkg.insert(into: "buurten", fid: 2, geometry: square(155_100, 462_900, 155_300, 463_100),
                    values: ["BU03560102", "Kanaal", nil, "GM0356", "Nieuwegein", "JA", -99_999_997.0], columns: columns)
    }

    /// zorg.csv in RD with a type column; osm.csv in WGS84 with OSM tags (a restaurant the
    /// mapping leaves out, and a gezondheidscentrum that is both huisarts and apotheek).
    func writeCSVs() throws {
        try """
            x,y,soort,naam
            155100,463000,Huisarts,"Praktijk ""De Brug"", Noord"
            155000,463200,ontmoetingsruimte,Buurthuis
            """.write(toFile: path("zorg.csv"), atomically: true, encoding: .utf8)
        var xs = [155_000.0, 155_300, 154_800], ys = [463_100.0, 463_000, 463_000]
        try Projection.transform(xs: &xs, ys: &ys, from: .rdNew, to: .wgs84, parallelism: Parallelism(workers: 1))
        try """
            osm_id,lon,lat,amenity,shop,healthcare,name\r
            1,\(xs[0]),\(ys[0]),pharmacy,,,Apotheek\r
            2,\(xs[1]),\(ys[1]),restaurant,,,Eethuis\r
            3,\(xs[2]),\(ys[2]),doctors,,pharmacy,Gezondheidscentrum\r

            """.write(toFile: path("osm.csv"), atomically: true, encoding: .utf8)
    }

    /// Seven stops that can be haltes (a platform pair 15 m apart, the same name again 200 m
    /// away, a station with platforms 20 m and 60 m from it, a stop with an empty
    /// location_type and a comma in its name) and an entrance; a bus and a train route.
    func writeGTFS() throws {
        let gtfs = folder.appendingPathComponent("gtfs")
        try FileManager.default.createDirectory(at: gtfs, withIntermediateDirectories: true)
        let stops: [(String, String, Double, Double, String, String)] = [
            ("s1", "Dorpsplein", 155_000, 463_300, "0", ""),
            ("s2", "Dorpsplein", 155_015, 463_300, "0", ""),
            ("s3", "Dorpsplein", 155_200, 463_300, "0", ""),
            ("st", "Station Dorp", 155_000, 462_500, "1", ""),
            ("p1", "Station Dorp", 155_020, 462_500, "0", "st"),
            ("p2", "Station Dorp", 155_000, 462_560, "0", "st"),
            ("e1", "Station Dorp", 155_005, 462_505, "2", "st"),
            ("n1", "\"Kerk, Noord\"", 154_900, 463_300, "", ""),
        ]
        var xs = stops.map(\.2), ys = stops.map(\.3)
        try Projection.transform(xs: &xs, ys: &ys, from: .rdNew, to: .wgs84, parallelism: Parallelism(workers: 1))
        var text = "\u{FEFF}stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
        for (k, s) in stops.enumerated() { text += "\(s.0),\(s.1),\(ys[k]),\(xs[k]),\(s.4),\(s.5)\n" }
        try text.write(to: gtfs.appendingPathComponent("stops.txt"), atomically: true, encoding: .utf8)
        try "route_id,agency_id,route_short_name,route_type\nr1,a,1,3\nr2,a,IC,2\n".write(to: gtfs.appendingPathComponent("routes.txt"), atomically: true, encoding: .utf8)
        try "route_id,service_id,trip_id\nr1,d,t1\nr2,d,t2\n".write(to: gtfs.appendingPathComponent("trips.txt"), atomically: true, encoding: .utf8)
        try """
            trip_id,arrival_time,departure_time,stop_id,stop_sequence
            t1,08:00:00,08:00:00,s1,1
            t1,08:02:00,08:02:00,s3,2
            t1,08:04:00,08:04:00,n1,3
            t2,09:00:00,09:00:00,p1,1
            t2,09:10:00,09:10:00,p2,2

            """.write(to: gtfs.appendingPathComponent("stop_times.txt"), atomically: true, encoding: .utf8)
    }

    func read() throws -> DataSet {
        var reader = DataSetReader(parallelism: Parallelism(workers: 1))
        return try reader.read(folder: folder.path)
    }
}

@Suite struct ManifestReadingTests {
    @Test func bagVerblijfsobjectenBecomeOneBuildingPerExistingHome() throws {
        let data = try RealFormatsFixture().read()
        let b = data.buildings
        #expect(b.ids == ["0356010000000001", "0356010000000002", "0356010000000003"])
        #expect(b.units == [1, 1, 1])
        #expect(b.pandIDs == ["P1", "P1", "P2"])
        #expect(b.xs == [155_000, 155_000, 155_010])
        #expect(data.notes.contains { $0.contains("bag.gpkg (layer verblijfsobject): 3 of 7 verblijfsobjecten are existing homes") })
    }

    @Test func csvVoorzieningenByTypeColumnAndByOSMMapping() throws {
        let data = try RealFormatsFixture().read()
        let v = data.voorzieningen
        let notHaltes = (0..<v.count).filter { v.types[$0] != Voorzieningen.ovHalteType }
        // zorg.csv: huisarts, ontmoetingsruimte; osm.csv: apotheek, (restaurant left out),
        // huisarts and apotheek for the gezondheidscentrum.
        #expect(notHaltes.map { v.types[$0] } == ["huisarts", "ontmoetingsruimte", "apotheek", "huisarts", "apotheek"])
        #expect(v.names[notHaltes[0]] == "Praktijk \"De Brug\", Noord")
        #expect(v.xs[notHaltes[0]] == 155_100 && v.ys[notHaltes[0]] == 463_000)
        // Through PROJ and back: within a millimetre.
        #expect(abs(v.xs[notHaltes[2]] - 155_000) < 0.001 && abs(v.ys[notHaltes[2]] - 463_100) < 0.001)
        #expect(data.notes.contains { $0.contains("osm.csv: 2 of 3 rows are voorzieningen by mapping osm; 1 match no rule") })
    }

    @Test func gtfsStopsMergeIntoHaltesPerNameWithinThirtyMetres() throws {
        let data = try RealFormatsFixture().read()
        let v = data.voorzieningen
        let haltes = (0..<v.count).filter { v.types[$0] == Voorzieningen.ovHalteType }
        // {s1, s2}, {s3}, {st, p1}, {p2}, {n1}; the entrance is not a halte.
        #expect(haltes.map { v.names[$0] } == ["Dorpsplein", "Dorpsplein", "Station Dorp", "Station Dorp", "Kerk, Noord"])
        #expect(abs(v.xs[haltes[0]] - 155_000) < 0.001, "a merged halte lies at its first stop")
        #expect(data.notes.contains { $0.hasSuffix("7 stops and stations make 5 haltes (one name within 30 m is one halte): bus 3, train 2") })
    }

    @Test func cbsBuurtenWithWaterWijkenAndNabijheid() throws {
        let data = try RealFormatsFixture().read()
        let buurten = data.buurten
        #expect(buurten.codes == ["BU03560101", "BU03560102"])
        #expect(buurten.names == ["Centrum", "Kanaal"])
        #expect(buurten.isWater == [false, true])
        #expect(buurten.wijkCode(0) == "WK035601" && buurten.wijkCode(1) == "WK035601")
        #expect(buurten.gemeenteCode(1) == "GM0356" && buurten.gemeenteName(1) == "Nieuwegein")
        #expect(buurten.nabijheid.count == 1)
        #expect(buurten.nabijheid.first?.type == "huisarts" && buurten.nabijheid.first?.column == "cbs_AF_ARTSPR")
        #expect(buurten.nabijheid.first?.kilometres == [0.3, nil], "CBS's negative sentinel is no figure")
    }

    @Test func aManifestNamingAMissingColumnIsAClearError() throws {
        let fixture = try RealFormatsFixture(manifest: RealFormatsFixture.manifest.replacingOccurrences(of: "type = \"soort\"", with: "type = \"categorie\""))
        #expect {
            try fixture.read()
        } throws: { error in
            let text = "\(error)"
            return text.contains("zorg.csv") && text.contains("no column \"categorie\"") && text.contains("\"x\", \"y\", \"soort\", \"naam\"")
        }
    }

    @Test func misspeltKeysUnknownFormatsAndMissingLayersAreErrors() throws {
        let cases: [(String, String)] = [
            (RealFormatsFixture.manifest.replacingOccurrences(of: "format = \"bag\"", with: "fromat = \"bag\""), "[buildings]: missing \"format\""),
            (RealFormatsFixture.manifest.replacingOccurrences(of: "file = \"bag.gpkg\"", with: "file = \"bag.gpkg\"\nlayr = \"x\""), "[buildings]: unknown key \"layr\""),
            (RealFormatsFixture.manifest.replacingOccurrences(of: "format = \"gtfs\"", with: "format = \"netex\""), "[haltes]: unknown format \"netex\" (known: gtfs, geojson)"),
            (RealFormatsFixture.manifest.replacingOccurrences(of: "mapping = \"osm\"", with: "mapping = \"wikidata\""), "is neither a built-in mapping (osm) nor a file"),
            (RealFormatsFixture.manifest.replacingOccurrences(of: "file = \"wijkenbuurten.gpkg\"", with: "file = \"wijkenbuurten.gpkg\"\n[buurten.nabijheid]\napotheek = \"AF_APOTH\""), "no column \"AF_APOTH\""),
            (RealFormatsFixture.manifest.replacingOccurrences(of: "layer = \"verblijfsobject\"", with: "").replacingOccurrences(of: "file = \"bag.gpkg\"", with: "file = \"bag.gpkg\"\nlayer = \"panden\""), "no feature layer \"panden\""),
            ("[buildings]\nformat = \"bag\"\nfile = \"bag.gpkg\"\n", "missing [haltes]"),
            ("[buildings\n", "invalid TOML at line 1"),
        ]
        for (manifest, expected) in cases {
            let fixture = try RealFormatsFixture(manifest: manifest)
            do {
                _ = try fixture.read()
                Issue.record("no error for a manifest that should give \(expected)")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
            }
        }
    }

    @Test func aManifestDataSetIsAnalysedLikeTheSameDataAsGeoJSON() throws {
        // The same homes, voorzieningen and (merged) haltes written as SPEC §1 files give the
        // same distances and scores.
        let real = try RealFormatsFixture().read()
        var fixture = Fixture()
        for b in 0..<real.buildings.count { fixture.buildings.append(.init(x: real.buildings.xs[b], y: real.buildings.ys[b])) }
        let v = real.voorzieningen
        for k in 0..<v.count where v.types[k] != Voorzieningen.ovHalteType { fixture.voorzieningen.append(.init(type: v.types[k], x: v.xs[k], y: v.ys[k])) }
        for k in 0..<v.count where v.types[k] == Voorzieningen.ovHalteType { fixture.haltes.append((v.xs[k], v.ys[k])) }
        let options = AnalysisOptions(parallelism: Parallelism(workers: 1), vlekkenkaart: false, clusterOutlines: false)
        let fromManifest = try Analysis.run(data: real, options: options)
        let fromGeoJSON = try Analysis.run(folder: try fixture.write(), options: options)
        #expect(fromManifest.reach.distances == fromGeoJSON.reach.distances)
        #expect(fromManifest.reach.complete == fromGeoJSON.reach.complete)
        // Hand-checked: the flats at (155000, 463000) are 100 m from the huisarts at (155100, 463000).
        #expect(fromManifest.reach.distances[1][0] == 100)
    }
}
