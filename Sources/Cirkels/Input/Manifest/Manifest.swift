import Foundation

/// A data set described by a small TOML or JSON file that names each layer's file, its
/// format and how to read it, so the files analysts download (BAG, the CBS wijk- en
/// buurtkaart, a GTFS feed, a POI list) are read as they are:
///
/// ```toml
/// [buildings]
/// format = "bag"                  # or "geojson"
/// file = "bag-light.gpkg"         # relative to the manifest
/// layer = "verblijfsobject"       # optional (that is the default)
///
/// [buurten]                       # optional
/// format = "cbs"                  # CBS columns, GeoPackage or GeoJSON; or "geojson"
/// file = "wijkenbuurten_2024.gpkg"
/// layer = "buurten"
///
/// [haltes]
/// format = "gtfs"                 # or "geojson"
/// file = "gtfs-nl"                # the unzipped feed
///
/// [[voorzieningen]]               # one or more
/// format = "csv"                  # or "geojson"
/// file = "voorzieningen-osm.csv"
/// lon = "lon"                     # or x = … and y = … for RD New
/// lat = "lat"
/// mapping = "osm"                 # built-in, a file, or a table of "column=value" = "type"
/// ```
public struct Manifest: Sendable, Equatable {
    public enum Buildings: Sendable, Equatable {
        /// SPEC §1's buildings.geojson.
        case geoJSON(path: String)
        /// BAG verblijfsobjecten from a GeoPackage layer.
        case bag(path: String, layer: String, rules: BAGRules)
    }

    public enum Buurten: Sendable, Equatable {
        case geoJSON(path: String)
        /// The CBS wijk- en buurtkaart, as GeoPackage (a layer) or GeoJSON.
        case cbs(path: String, layer: String?, nabijheid: [String: String]?)
    }

    public enum Haltes: Sendable, Equatable {
        case geoJSON(path: String)
        case gtfs(folder: String, rules: GTFSRules)
    }

    public enum Voorzieningen: Sendable, Equatable {
        case geoJSON(path: String)
        /// A CSV file of points; the type from `typeColumn` and/or the mapping.
        case csv(path: String, coordinates: CSVPointReader.Coordinates, typeColumn: String?, nameColumn: String?, mapping: VoorzieningMapping?)
    }

    public var buildings: Buildings
    public var buurten: Buurten?
    public var haltes: Haltes
    public var voorzieningen: [Voorzieningen]
    /// Where it was read from.
    public var source: String

    /// The names a data folder's manifest may have; a folder with one is read through it.
    public static let fileNames = ["manifest.toml", "manifest.json"]

    /// SPEC §1's folder as a manifest (what a folder without a manifest means).
    public static func folder(_ folder: String) -> Manifest {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let buurten = path(DataSetReader.buurtenFile)
        return Manifest(buildings: .geoJSON(path: path(DataSetReader.buildingsFile)),
                        buurten: FileManager.default.fileExists(atPath: buurten) ? .geoJSON(path: buurten) : nil,
                        haltes: .geoJSON(path: path(DataSetReader.haltesFile)),
                        voorzieningen: [.geoJSON(path: path(DataSetReader.voorzieningenFile))],
                        source: folder)
    }

    /// Reads a manifest file (TOML for `.toml`, else JSON).
    public static func load(path: String) throws -> Manifest {
        var top = try ManifestTable.load(path: path, what: "manifest")
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ file: String) -> String {
            file.hasPrefix("/") ? file : ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(file)
        }
        guard var buildingsTable = try top.optionalTable("buildings") else { throw top.fail("missing [buildings]") }
        guard var haltesTable = try top.optionalTable("haltes") else { throw top.fail("missing [haltes]") }
        guard let voorzieningenTables = try top.optionalTables("voorzieningen"), !voorzieningenTables.isEmpty else {
            throw top.fail("missing [[voorzieningen]] (at least one)")
        }
        let buurtenTable = try top.optionalTable("buurten")
        _ = try top.optionalString("name")
        _ = try top.optionalString("description")
        try top.checkNoOtherKeys()

        let buildings: Buildings
        switch try buildingsTable.string("format") {
        case "geojson":
            buildings = .geoJSON(path: resolve(try buildingsTable.string("file")))
        case "bag":
            var rules = BAGRules.standard
            if let statuses = try buildingsTable.optionalStrings("statuses") { rules.existingStatuses = statuses }
            if let use = try buildingsTable.optionalString("gebruiksdoel") { rules.residentialUse = use }
            buildings = .bag(path: resolve(try buildingsTable.string("file")),
                             layer: try buildingsTable.optionalString("layer") ?? BAGRules.defaultLayer, rules: rules)
        case let other:
            throw buildingsTable.fail("unknown format \"\(other)\" (known: bag, geojson)")
        }
        try buildingsTable.checkNoOtherKeys()

        var buurten: Buurten?
        if var table = buurtenTable {
            switch try table.string("format") {
            case "geojson":
                buurten = .geoJSON(path: resolve(try table.string("file")))
            case "cbs":
                var nabijheid: [String: String]?
                if let pairs = try table.optionalTable("nabijheid") {
                    nabijheid = Dictionary(uniqueKeysWithValues: try pairs.stringPairs().map { (Criterion.normalisedType($0.0), $0.1) })
                }
                buurten = .cbs(path: resolve(try table.string("file")), layer: try table.optionalString("layer"), nabijheid: nabijheid)
            case let other:
                throw table.fail("unknown format \"\(other)\" (known: cbs, geojson)")
            }
            try table.checkNoOtherKeys()
        }

        let haltes: Haltes
        switch try haltesTable.string("format") {
        case "geojson":
            haltes = .geoJSON(path: resolve(try haltesTable.string("file")))
        case "gtfs":
            var rules = GTFSRules.standard
            if let within = try haltesTable.optionalNumber("merge_within_m") {
                guard within >= 0, within <= 500 else { throw haltesTable.fail("\"merge_within_m\" must be between 0 and 500 metres") }
                rules.mergeWithin = within
            }
            haltes = .gtfs(folder: resolve(try haltesTable.string("file")), rules: rules)
        case let other:
            throw haltesTable.fail("unknown format \"\(other)\" (known: gtfs, geojson)")
        }
        try haltesTable.checkNoOtherKeys()

        var voorzieningen: [Voorzieningen] = []
        for var table in voorzieningenTables {
            switch try table.string("format") {
            case "geojson":
                voorzieningen.append(.geoJSON(path: resolve(try table.string("file"))))
            case "csv":
                let lon = try table.optionalString("lon"), lat = try table.optionalString("lat")
                let x = try table.optionalString("x"), y = try table.optionalString("y")
                let coordinates: CSVPointReader.Coordinates
                switch (lon, lat, x, y) {
                case let (lon?, lat?, nil, nil): coordinates = .lonLat(lon: lon, lat: lat)
                case let (nil, nil, x?, y?): coordinates = .rd(x: x, y: y)
                default: throw table.fail("name the coordinate columns as lon and lat (WGS84) or as x and y (RD New)")
                }
                let typeColumn = try table.optionalString("type")
                let mapping = try VoorzieningMapping.load(from: &table, resolve: resolve)
                guard typeColumn != nil || mapping != nil else {
                    throw table.fail("name the \"type\" column, or a \"mapping\" from other columns to types")
                }
                voorzieningen.append(.csv(path: resolve(try table.string("file")), coordinates: coordinates, typeColumn: typeColumn,
                                          nameColumn: try table.optionalString("name"), mapping: mapping))
            case let other:
                throw table.fail("unknown format \"\(other)\" (known: csv, geojson)")
            }
            try table.checkNoOtherKeys()
        }
        return Manifest(buildings: buildings, buurten: buurten, haltes: haltes, voorzieningen: voorzieningen, source: path)
    }
}
