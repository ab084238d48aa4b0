import TestSupport
import Foundation
import Testing
@testable import Cirkels

/// Checks that must hold for every analysis, whatever the data (SPEC §3–§7).
enum Invariants {
    /// Every building's score equals the score of the vlek that geometrically holds it
    /// (GEOS covers, not the signature bookkeeping), away from disc edges: buildings within
    /// `margin` metres of any disc boundary are skipped, as the SPEC allows: a 64-gon lies
    /// up to r·(1 − cos(π/64)) = 0.60 m inside a 500 m circle. A building in
    /// no vlek must have every level `none`. Returns how many buildings were checked.
    @discardableResult
    static func scoresMatchVlekken(_ r: AnalysisResult, margin: Double = 0.65) throws -> Int {
        let map = try #require(r.vlekkenkaart)
        let context = GEOSContext()
        let vlekken = try (0..<map.vlekken.count).map { try PreparedGeometry(context.geometry(feature: $0, of: map.geometries)) }
        let v = r.data.voorzieningen, b = r.data.buildings
        var checked = 0
        for i in 0..<b.count {
            // Near an edge: within `margin` of the radius or ideal radius of any matching voorziening.
            var nearEdge = false
            for criterion in r.profile.criteria where !nearEdge {
                for k in 0..<v.count where criterion.types.contains(v.types[k]) {
                    let d = euclideanDistance(b.xs[i], b.ys[i], v.xs[k], v.ys[k])
                    if abs(d - criterion.radius) < margin || (criterion.ideal.map { abs(d - $0) < margin } ?? false) {
                        nearEdge = true
                        break
                    }
                }
            }
            if nearEdge { continue }
            let holders = try vlekken.indices.filter { try vlekken[$0].covers(x: b.xs[i], y: b.ys[i]) }
            if let k = holders.first {
                #expect(holders.count == 1, "building \(b.ids[i]) lies in \(holders.count) vlekken")
                #expect(map.vlekken[k].score == r.reach.scores[i], "building \(b.ids[i]): score \(r.reach.scores[i]), vlek \(map.vlekken[k].score)")
                #expect(map.vlekOfBuilding[i] == k, "building \(b.ids[i]) counted in vlek \(map.vlekOfBuilding[i]), lies in \(k)")
            } else {
                #expect(r.reach.levels(of: i).allSatisfy { $0 == .none }, "building \(b.ids[i]) is in no vlek but reaches something")
                #expect(map.vlekOfBuilding[i] == -1)
            }
            checked += 1
        }
        return checked
    }

    /// Buurten plus the buildings outside them add up to totaal; the sensitivity at a
    /// criterion's own radius equals its units reached; units add up over vlekken.
    static func coverageAddsUp(_ r: AnalysisResult) {
        let areas = r.coverage.areas
        let total = areas.last!, buurten = areas.dropLast()
        let outside = r.coverage.buurtOfBuilding.indices.filter { r.coverage.buurtOfBuilding[$0] < 0 }
        let outsideUnits = outside.reduce(0) { $0 + Int(r.data.buildings.units[$1]) }
        #expect(buurten.reduce(0) { $0 + $1.buildings } + outside.count == total.buildings)
        #expect(buurten.reduce(0) { $0 + $1.units } + outsideUnits == total.units)
        if r.data.buurten.count > 0 { #expect(r.coverage.buildingsOutsideBuurten == outside.count) }
        for (c, criterion) in r.profile.criteria.enumerated() {
            let outsideReached = outside.filter { r.reach.distances[c][$0] <= criterion.radius }.reduce(0) { $0 + Int(r.data.buildings.units[$1]) }
            #expect(buurten.reduce(0) { $0 + $1.unitsReached[c] } + outsideReached == total.unitsReached[c])
            for a in areas {
                #expect(a.distances[c].units(within: criterion.radius) == a.unitsReached[c])
                if criterion.radius == 500 { #expect(a.distances[c].units(within: 500) == a.unitsReached[c]) }
            }
        }
        let complete = r.data.buildings.units.indices.filter { r.reach.complete[$0] }.reduce(0) { $0 + Int(r.data.buildings.units[$1]) }
        #expect(total.unitsComplete == complete)
        #expect(total.unitsInClusters == r.clusters.clusters.reduce(0) { $0 + $1.units })
        if let map = r.vlekkenkaart {
            let placed = r.data.buildings.units.indices.filter { map.vlekOfBuilding[$0] >= 0 }.reduce(0) { $0 + Int(r.data.buildings.units[$1]) }
            #expect(map.vlekken.reduce(0) { $0 + $1.units } == placed)
        }
    }

    /// Writes the outputs twice (and once with one worker) and checks every file is the same
    /// bytes, every GeoJSON parses with Foundation's parser and every exterior ring is
    /// counter-clockwise (holes clockwise). Returns the output folder.
    @discardableResult
    static func outputsAreValidAndStable(folder: String, crs: CoordinateReferenceSystem = .wgs84) throws -> URL {
        let base = TestFolders.url("cirkel-out")
        var outputs: [URL] = []
        for workers in [2, 2, 1] {
            let result = try Analysis.run(folder: folder, options: AnalysisOptions(parallelism: Parallelism(workers: workers)))
            let out = base.appendingPathComponent("run\(outputs.count)")
            try AnalysisWriter(crs: crs, parallelism: Parallelism(workers: workers)).write(result, to: out.path)
            outputs.append(out)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: outputs[0].path).sorted()
        #expect(names.contains(OutputFiles.buildings) && names.contains(OutputFiles.vlekkenkaart) && names.contains(OutputFiles.coverage)
                && names.contains(OutputFiles.sensitivity) && names.contains(OutputFiles.clusters))
        for name in names {
            let first = try Data(contentsOf: outputs[0].appendingPathComponent(name))
            for other in outputs.dropFirst() {
                #expect(try Data(contentsOf: other.appendingPathComponent(name)) == first, "\(name) differs between runs")
            }
            guard name.hasSuffix(".geojson") else { continue }
            let json = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any], "\(name) is not a JSON object")
            #expect(json["type"] as? String == "FeatureCollection")
            if crs == .rdNew { #expect(json["crs"] != nil) } else { #expect(json["crs"] == nil) }
            for feature in try #require(json["features"] as? [[String: Any]]) {
                let geometry = try #require(feature["geometry"] as? [String: Any])
                guard let type = geometry["type"] as? String, type == "Polygon" || type == "MultiPolygon" else { continue }
                let polygons = type == "Polygon" ? [geometry["coordinates"] as! [[[Double]]]] : geometry["coordinates"] as! [[[[Double]]]]
                for polygon in polygons {
                    for (k, ring) in polygon.enumerated() {
                        #expect(ring.first! == ring.last!, "\(name): ring not closed")
                        // Shoelace: positive for counter-clockwise.
                        var twiceArea = 0.0
                        for i in 0..<(ring.count - 1) { twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
                        #expect(k == 0 ? twiceArea > 0 : twiceArea < 0, "\(name): ring \(k) has the wrong orientation")
                        if crs == .wgs84 {
                            for p in ring { #expect(decimals(p[0]) <= 7 && decimals(p[1]) <= 7) }
                        }
                    }
                }
            }
        }
        return outputs[0]
    }

    /// Decimal places of a number as Foundation printed it back (at most 7 wanted).
    static func decimals(_ value: Double) -> Int {
        let text = String(format: "%.10f", value)
        let fraction = text.split(separator: ".").last!.reversed().drop { $0 == "0" }
        return fraction.count
    }
}
