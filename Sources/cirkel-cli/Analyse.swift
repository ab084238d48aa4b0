import ArgumentParser
import Cirkels
import Foundation

struct Analyse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse a data set and write every output of SPEC §7.",
        discussion: """
        DATA_DIR holds buildings.geojson, voorzieningen.geojson, ov_haltes.geojson and optionally
        buurten.geojson (WGS84, or RD New with a "crs" member); or it is a manifest (.toml/.json)
        naming files in other formats (see README: BAG, CBS, GTFS, CSV). OUT_DIR receives buildings.csv,
        coverage.csv, coverage.json, sensitivity.csv, clusters.geojson, clusters.csv,
        vlekkenkaart.geojson, buurten.geojson (with buurten), profile.json and with --gpkg
        cirkel.gpkg: all of them, or none when the run fails.

        Examples:
          cirkel analyse --out out/demo                       (the demo data in data/geojson)
          cirkel analyse ../shared/data/amsterdam-centrum --out out/ams --crs rd
          cirkel analyse data/geojson --out out/cbs --profile cbs-geclusterd
          cirkel analyse data/geojson --out out/mine --profile mijn-profiel.toml
        """
    )

    @Argument(help: ArgumentHelp("The data folder (SPEC §1).", valueName: "DATA_DIR"))
    var dataDirectory: String = "data/geojson"

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the results into (created if needed). Example: --out out/demo", valueName: "OUT_DIR"))
    var out: String

    @Option(help: ArgumentHelp("A built-in profile (woonzorgcirkel, nieuwegein-zorgcirkel, cbs-geclusterd) or a profile file (.toml or .json). Example: --profile nieuwegein-zorgcirkel", valueName: "NAME|FILE"))
    var profile: String = BuiltInProfiles.woonzorgcirkel.name

    @Option(help: ArgumentHelp("Coordinates of the GeoJSON outputs: wgs84 (RFC 7946) or rd (RD New, EPSG:28992). Example: --crs rd"))
    var crs: OutputCRS = .wgs84

    @Flag(help: "Write into OUT_DIR even when it holds files cirkel does not write there (they are left alone).")
    var force = false

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("A what-if plan: GeoJSON features with a type (planned voorzieningen) or units (planned homes). The outputs describe the planned state; what-if.json and the summary say what changed. Example: --plan plan.geojson", valueName: "FILE"))
    var plan: String?

    @Option(help: ArgumentHelp("The language of the what-if summary: en or nl. Example: --lang nl"))
    var lang: Language = .en

    @Flag(help: "Write cirkel.gpkg too: a GeoPackage (RD New) with the layers buurten (every statistic as a column), clusters and vlekkenkaart, for QGIS.")
    var gpkg = false

    @Flag(help: "Skip the vlekkenkaart polygons (the slowest stage); complete_area_m2 is then left empty.")
    var noVlekkenkaart = false

    mutating func run() throws {
        try reportingErrors { try analyse() }
    }

    func analyse() throws {
        let parallelism = try runOptions.parallelism()
        // Refused before the work rather than after it (the writer checks again).
        try StagedOutputDirectory.checkTarget(URL(fileURLWithPath: out), ownNames: OutputFiles.analyse, force: force)
        let options = AnalysisOptions(profile: try ProfileLoader.load(nameOrPath: profile), parallelism: parallelism,
                                      vlekkenkaart: !noVlekkenkaart)
        // With a plan, the base state is needed only for its reach and clusters (the outputs
        // describe the planned state): no vlekkenkaart or outlines for it.
        var baseOptions = options
        if plan != nil {
            baseOptions.vlekkenkaart = false
            baseOptions.clusterOutlines = false
        }
        var result = try Analysis.run(folder: dataDirectory, options: baseOptions)
        var timings = result.timings
        var whatIf: WhatIfText?
        if let plan {
            let plan = try Plan.read(path: plan, parallelism: parallelism)
            let base = result
            // The summary of the change comes from the incremental what-if; the outputs from a
            // full analysis of the planned data (the tests prove the two agree).
            whatIf = try timings.measure("what-if") {
                let change = try WhatIf(base: PreparedAnalysis(result: base), plan: plan)
                return WhatIfText(changes: try WhatIfChanges(change), planned: change.planned, language: lang)
            }
            result = try Analysis.run(data: base.data.applying(plan), options: options)
            timings.append(contentsOf: result.timings, prefix: "planned ")
        }
        let extra = whatIf.map { [(OutputFiles.whatIf, $0.document().serialized())] } ?? []
        let files = try timings.measure("write") {
            var writer = AnalysisWriter(crs: crs.coordinateReferenceSystem, parallelism: parallelism, geoPackage: gpkg)
            writer.force = force
            return try writer.write(result, to: out, extra: extra)
        }
        print(Summary(result: result, timings: timings, outputFolder: out, files: files).text)
        if let whatIf { print(whatIf.render()) }
    }
}

enum OutputCRS: String, ExpressibleByArgument, CaseIterable {
    case wgs84, rd

    var coordinateReferenceSystem: CoordinateReferenceSystem { self == .wgs84 ? .wgs84 : .rdNew }
}
