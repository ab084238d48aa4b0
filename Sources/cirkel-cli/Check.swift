import ArgumentParser
import Cirkels
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What is within reach of a location, what is missing, and would homes there join a woonzorgcirkel?",
        discussion: """
        LOCATION is lon,lat in WGS84 degrees; give RD New metres with --rd x,y instead. With
        --locations, every location in the file gets one row (CSV on stdout) or one object (--json).

        Examples:
          cirkel check 5.3874,51.9934
          cirkel check --rd 155000,445000 --units 8 --lang nl
          cirkel check 4.8998,52.3702 --data ../shared/data/amsterdam-centrum --json
          cirkel check --locations plots.csv --data data/geojson > answers.csv
          cirkel check 5.3874,51.9934 --plan nieuw-gezondheidscentrum.geojson
          cirkel check --locations plots.csv --index lindendijk.cirkelindex
        """
    )

    @Argument(help: ArgumentHelp("lon,lat in WGS84 degrees. Example: 5.3874,51.9934", valueName: "LOCATION"))
    var location: String?

    @Option(help: ArgumentHelp("The location as RD New metres x,y. Example: --rd 155000,445000", valueName: "x,y"))
    var rd: String?

    @Option(help: ArgumentHelp("A GeoJSON file of points or a CSV file (lon,lat or x,y columns; optional name) of locations. Example: --locations plots.csv", valueName: "FILE"))
    var locations: String?

    @Option(help: ArgumentHelp("The data folder (SPEC §1). Example: --data ../shared/data/amsterdam-centrum", valueName: "DIR"))
    var data: String = "data/geojson"

    @Option(help: ArgumentHelp("A prepared index (from `cirkel index`) instead of a data folder: answers without parsing GeoJSON. Example: --index lindendijk.cirkelindex", valueName: "FILE"))
    var index: String?

    @Option(help: ArgumentHelp("A built-in profile or a profile file. Example: --profile nieuwegein-zorgcirkel", valueName: "NAME|FILE"))
    var profile: String = BuiltInProfiles.woonzorgcirkel.name

    @Option(help: ArgumentHelp("Homes (wooneenheden) assumed at the location, for joining or forming a cluster. Example: --units 12"))
    var units: Int = 1

    @Option(help: ArgumentHelp("A what-if plan: GeoJSON features with a type (planned voorzieningen) or units (planned homes). Example: --plan plan.geojson", valueName: "FILE"))
    var plan: String?

    @Flag(help: "Answer as JSON (schema in the README).")
    var json = false

    @Option(help: ArgumentHelp("The language around the Dutch domain terms: en or nl. Example: --lang nl"))
    var lang: Language = .en

    mutating func run() throws {
        try reportingErrors { try answer() }
    }

    func answer() throws {
        guard units >= 1 else { throw CirkelError.invalidRequest("--units must be at least 1") }
        let given = [location != nil, rd != nil, locations != nil].filter { $0 }.count
        guard given == 1 else { throw CirkelError.invalidRequest("give one of LOCATION (lon,lat), --rd x,y or --locations FILE") }
        func parsePlaces(_ projection: ProjectionDefinition?) throws -> [Location] {
            if let location { return [try Location.parse(location, rd: false, projection: projection)] }
            if let rd { return [try Location.parse(rd, rd: true)] }
            return try LocationsFile.read(path: locations!, projection: projection)
        }
        let chosen = try ProfileLoader.load(nameOrPath: profile)
        let base: PreparedAnalysis
        let places: [Location]
        if let index {
            // Locations are projected by the operation the index stores (no PROJ search).
            base = try PreparedIndex.load(path: index, profile: chosen, buildingIDs: false)
            places = try parsePlaces(base.projection)
        } else {
            // Locations first: a mistyped one is reported before the data is analysed.
            places = try parsePlaces(nil)
            base = PreparedAnalysis(result: try Analysis.run(folder: data, options: AnalysisOptions(profile: chosen, vlekkenkaart: false, clusterOutlines: false)))
        }
        var prepared = base
        var whatIfText: WhatIfText?
        if let plan {
            let whatIf = try WhatIf(base: base, plan: try Plan.read(path: plan))
            prepared = whatIf.planned
            whatIfText = WhatIfText(changes: try WhatIfChanges(whatIf), planned: prepared, language: lang)
        }
        let checker = LocationChecker(prepared: prepared)
        let reports = try places.map { try checker.check($0, units: units) }
        // The answers came from an index read in place: show none unless what they read was intact.
        try prepared.checkIntegrity()
        let text = LocationReportText(prepared: prepared, language: lang)
        if json {
            FileHandle.standardOutput.write(Data(LocationReportJSON.answer(reports, prepared: prepared, text: text, whatIf: whatIfText?.document()).serialized()))
        } else if locations != nil {
            FileHandle.standardOutput.write(Data(LocationReportTable.table(reports, prepared: prepared, text: text).bytes))
            if let whatIfText { FileHandle.standardError.write(Data((whatIfText.render() + "\n").utf8)) }
        } else {
            print(text.render(reports[0]))
            if let whatIfText { print(whatIfText.render()) }
        }
    }
}

extension Language: ExpressibleByArgument {}
