import TestSupport
import Foundation
import Testing
@testable import Cirkels

/// `--gpkg`: the map layers in one GeoPackage, checked with GDAL's ogrinfo (an independent
/// reader) and read back with cirkel's own reader.
@Suite struct GeoPackageOutputTests {
    @Test func analyseWritesBuurtenClustersAndVlekkenkaartThatOGRInfoOpens() throws {
        var fixture = Fixture()
        // Six homes 20 m apart next to every voorziening: one cluster of 6 units in buurt 1;
        // one lone home far away in buurt 2.
        let x0 = 150_000.0, y0 = 450_000.0
        for k in 0..<6 { fixture.buildings.append(.init(x: x0 + 20 * Double(k), y: y0)) }
        fixture.buildings.append(.init(x: x0 + 3_000, y: y0))
        for type in ["ontmoetingsruimte", "huisarts", "apotheek", "supermarkt"] { fixture.voorzieningen.append(.init(type: type, x: x0, y: y0 + 100)) }
        fixture.haltes = [(x0, y0 - 100)]
        fixture.buurten = [
            .init(code: "BU00010101", name: "Een", minX: x0 - 1000, minY: y0 - 1000, maxX: x0 + 1000, maxY: y0 + 1000),
            .init(code: "BU00010102", name: "Twee", minX: x0 + 1000, minY: y0 - 1000, maxX: x0 + 4000, maxY: y0 + 1000),
        ]
        let result = try Analysis.run(folder: try fixture.write(), options: AnalysisOptions(parallelism: Parallelism(workers: 2)))
        #expect(result.clusters.clusters.count == 1)
        let out = TestFolders.url("cirkel-gpkg")
        let files = try AnalysisWriter(parallelism: Parallelism(workers: 2), geoPackage: true).write(result, to: out.path)
        #expect(files.last == GeoPackageLayers.fileName)
        let path = out.appendingPathComponent(GeoPackageLayers.fileName).path

        guard let info = try ogrinfo(["-ro", "-so", "-al", path], in: out) else { return }
        #expect(info.status == 0)
        #expect(!info.errors.contains("ERROR") && !info.errors.contains("Warning"), "\(info.errors)")
        let vlekken = result.vlekkenkaart!.vlekken.count
        for (layer, count) in [("buurten", 2), ("clusters", 1), ("vlekkenkaart", vlekken)] {
            #expect(info.output.contains("Layer name: \(layer)"), "\(layer)")
            let section = info.output.components(separatedBy: "Layer name: \(layer)")[1]
            #expect(section.contains("Feature Count: \(count)"), "\(layer): \(section.prefix(300))")
        }
        #expect(info.output.contains("units_complete: Integer"))
        #expect(info.output.contains("share_zorg: Real"))

        // The buurten layer as GDAL reads it: buurt 1 has 6 complete units, buurt 2 none.
        guard let features = try ogrinfo(["-ro", "-al", "-q", path, "buurten"], in: out) else { return }
        #expect(features.output.contains("area (String) = BU00010101"))
        #expect(features.output.contains("units_complete (Integer64) = 6"))
        #expect(features.output.contains("units_complete (Integer64) = 0"))
        #expect(features.output.contains("gemeente (String) = GM0001"))

        // And with cirkel's reader: the clusters layer has the outline GEOS made.
        let clusters = try GeoPackageReader(layer: "clusters", properties: ["units"]).read(path: path)
        #expect(clusters.column("units") == [.number(6)])
        #expect(clusters.geometries.xs == result.clusterOutlines.xs)
    }
}
