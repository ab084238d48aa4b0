import ArgumentParser
import Cirkels
import Foundation

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every buurt, wijk and gemeente of a data set: coverage and sensitivity without the vlekkenkaart.",
        discussion: """
        SOURCE is a manifest (.toml or .json) naming the data set's files — BAG verblijfsobjecten,
        the CBS wijk- en buurtkaart, a GTFS feed, voorzieningen as CSV — or a data folder (SPEC §1,
        or a folder holding manifest.toml). OUT_DIR receives coverage.csv (per buurt, then
        totaal), coverage-wijken.csv, coverage-gemeenten.csv, coverage.json, sensitivity.csv,
        clusters.csv, profile.json, nabijheid.csv (when the buurten carry CBS's nabijheid
        columns), buildings.csv with --buildings and cirkel.gpkg with --gpkg: all of them, or none when the run fails.

        Examples:
          cirkel score nederland/manifest.toml --out out/nl
          cirkel score data/geojson --out out/demo-score --buildings
          cirkel score nederland/manifest.toml --out out/utrecht --gemeente GM0344 --gpkg
        """
    )

    @Argument(help: ArgumentHelp("A manifest file or a data folder.", valueName: "SOURCE"))
    var source: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the results into (created if needed).", valueName: "OUT_DIR"))
    var out: String

    @Option(help: ArgumentHelp("A built-in profile (woonzorgcirkel, nieuwegein-zorgcirkel, cbs-geclusterd) or a profile file.", valueName: "NAME|FILE"))
    var profile: String = BuiltInProfiles.woonzorgcirkel.name

    @Flag(help: "Write into OUT_DIR even when it holds files cirkel does not write there (they are left alone).")
    var force = false

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("Score only this gemeente: a code (GM0363, 0363) or a name (Amsterdam); repeat for several. Its buurten and the buildings in them are scored; voorzieningen across the border still count.", valueName: "GEMEENTE"))
    var gemeente: [String] = []

    @Flag(help: "Write buildings.csv too (one row per building; about 1 GB for the whole country).")
    var buildings = false

    @Flag(help: "Write cirkel.gpkg too: a GeoPackage (RD New) with the layers buurten (every statistic as a column) and clusters, for QGIS.")
    var gpkg = false

    mutating func run() throws {
        try reportingErrors { try score() }
    }

    func score() throws {
        let parallelism = try runOptions.parallelism()
        // Refused before the work rather than after it (the writer checks again).
        try StagedOutputDirectory.checkTarget(URL(fileURLWithPath: out), ownNames: ScoreWriter.names, force: force)
        let result = try Cirkels.Score.run(source: source, profile: try ProfileLoader.load(nameOrPath: profile), parallelism: parallelism,
                                            clusterOutlines: gpkg, gemeenten: gemeente.isEmpty ? nil : GemeenteSelection(gemeente))
        var timings = result.timings
        let files = try timings.measure("write") {
            var writer = ScoreWriter(parallelism: parallelism, buildingsTable: buildings, geoPackage: gpkg)
            writer.force = force
            return try writer.write(result, to: out)
        }
        var extra: [String] = []
        for groups in [result.wijken, result.gemeenten] where !groups.areas.isEmpty {
            let complete = groups.areas.map { $0.units > 0 ? Double($0.unitsComplete) / Double($0.units) : 0 }.sorted()
            let median = complete[complete.count / 2]
            extra.append("  \(groups.level == "wijk" ? "wijken   " : "gemeenten") \(groups.areas.count.groupedDigits); median share of units complete \(String(format: "%.1f %%", 100 * median))")
        }
        if let nabijheid = result.nabijheid {
            for s in nabijheid.summaries {
                let median = s.medianDetour.map { String(format: "%.2f", $0) } ?? "–", weighted = s.unitWeightedDetour.map { String(format: "%.2f", $0) } ?? "–"
                extra.append("  CBS nabijheid  \(s.type) (\(s.column)): road / straight line \(median) (median of \(s.buurtenCompared.groupedDigits) buurten), \(weighted) unit-weighted")
            }
        }
        let summary = Summary(result: result.analysis, timings: timings, outputFolder: out, files: files, command: "score", extra: extra)
        print(summary.text)
    }
}
