import ArgumentParser
import Cirkels
import Foundation

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prepare a data set for instant checks: a binary snapshot that `cirkel check --index` loads without parsing GeoJSON.",
        discussion: """
        The index holds the projected data, ids, names, buurten and the analysis for one profile.
        Checking with another profile still works (the results are computed again from the index).
        An index made by another version of cirkel's format is refused with a clear message.

        Examples:
          cirkel index data/geojson -o lindendijk.cirkelindex
          cirkel check 5.3874,51.9934 --index lindendijk.cirkelindex
        """
    )

    @Argument(help: ArgumentHelp("The data folder (SPEC §1).", valueName: "DATA_DIR"))
    var dataDirectory: String = "data/geojson"

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The index file to write. Example: -o lindendijk.cirkelindex", valueName: "FILE"))
    var output: String

    @Option(help: ArgumentHelp("The profile whose results are stored (built-in name or file). Example: --profile nieuwegein-zorgcirkel", valueName: "NAME|FILE"))
    var profile: String = BuiltInProfiles.woonzorgcirkel.name

    @OptionGroup var runOptions: RunOptions

    mutating func run() throws {
        try reportingErrors {
            let parallelism = try runOptions.parallelism()
            var timings = StageTimings(progress: parallelism.progress)
            let options = AnalysisOptions(profile: try ProfileLoader.load(nameOrPath: profile), parallelism: parallelism,
                                          vlekkenkaart: false, clusterOutlines: false)
            let result = try Analysis.run(folder: dataDirectory, options: options)
            timings.append(contentsOf: result.timings)
            let prepared = timings.measure("prepare") { PreparedAnalysis(result: result) }
            try timings.measure("write") { try PreparedIndex.write(prepared, to: output) }
            let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            print("cirkel index \(dataDirectory) → \(output) (\(size / 1024) KiB; profile \(options.profile.name); \(result.data.buildings.count) buildings, \(result.data.voorzieningen.count) voorzieningen and haltes, \(result.data.buurten.count) buurten)")
            print("  seconds  " + timings.stages.map { "\($0.name) \(String(format: "%.3f", $0.seconds))" }.joined(separator: ", "))
        }
    }
}
