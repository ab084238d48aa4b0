/// The GeoJSON layers: clusters, vlekkenkaart, and buurten with their coverage figures.
struct MapLayers {
    let result: AnalysisResult
    let crs: CoordinateReferenceSystem
    let parallelism: Parallelism

    /// The top-level member recording how the file was made.
    var provenance: [(String, JSONDocument)] {
        [("cirkel", .object([("profile", ProfileLoader.document(for: result.profile))]))]
    }

    /// A copy of an RD New column in the output CRS.
    func projected(_ column: GeometryColumn) throws -> GeometryColumn {
        guard crs != .rdNew, column.xs.count > 0 else { return column }
        var copy = column
        try copy.withMutableCoordinates { xs, ys in
            try wrappingGeoErrors { try Projection.transform(xs: &xs, ys: &ys, from: .rdNew, to: crs, parallelism: parallelism) }
        }
        return copy
    }

    func clusters() throws -> [UInt8] {
        let outlines = try projected(result.clusterOutlines)
        var writer = GeoJSONWriter(crs: crs, members: provenance)
        for (k, c) in result.clusters.clusters.enumerated() {
            writer.appendFeature(k, of: outlines, properties: [
                ("id", .integer(c.id)), ("units", .integer(c.units)), ("buildings", .integer(c.members.count)),
                ("extent_m", .fixed(c.extent, decimals: 2)),
                ("centroid_x", .fixed(c.centroidX, decimals: 2)), ("centroid_y", .fixed(c.centroidY, decimals: 2)),
            ])
        }
        return writer.finish()
    }

    func clustersTable() -> CSVTable {
        var table = CSVTable(columns: ["id", "units", "buildings", "centroid_x", "centroid_y", "extent_m", "profile"])
        for c in result.clusters.clusters {
            table.appendRow([.integer(c.id), .integer(c.units), .integer(c.members.count), .fixed(c.centroidX, decimals: 2),
                             .fixed(c.centroidY, decimals: 2), .fixed(c.extent, decimals: 2), .string(result.profile.name)])
        }
        return table
    }

    func vlekkenkaart(_ map: Vlekkenkaart) throws -> [UInt8] {
        let geometries = try projected(map.geometries)
        var writer = GeoJSONWriter(crs: crs, members: provenance)
        for (k, v) in map.vlekken.enumerated() {
            var properties: [(String, OutputValue)] = [
                ("score", .trimmed(v.score, decimals: 6)), ("complete", .bool(v.complete)), ("area_m2", .fixed(v.area, decimals: 2)),
                ("buildings", .integer(v.buildings)), ("units", .integer(v.units)),
            ]
            for (c, criterion) in result.profile.criteria.enumerated() { properties.append((criterion.name, .string(v.signature.levels[c].name))) }
            writer.appendFeature(k, of: geometries, properties: properties)
        }
        return writer.finish()
    }

    /// Buurten with every coverage column, ready for a choropleth.
    func buurten() throws -> [UInt8] {
        // Input rings may turn either way; passing each buurt through GEOS writes them in
        // RFC 7946 orientation.
        let context = GEOSContext()
        var oriented = GeometryColumn()
        for k in 0..<result.data.buurten.count {
            _ = try wrappingGeoErrors { try context.geometry(feature: k, of: result.data.buurten.geometries).appendPolygons(to: &oriented) }
        }
        let geometries = try projected(oriented)
        let columns = CoverageTable.columns(result.profile)
        var writer = GeoJSONWriter(crs: crs, members: provenance)
        for k in 0..<result.data.buurten.count {
            let row = CoverageTable.row(result.coverage.areas[k], isTotal: false, coverage: result.coverage, profile: result.profile)
            // The profile is recorded once, in the top-level `cirkel` member.
            writer.appendFeature(k, of: geometries, properties: Array(zip(columns, row)).filter { $0.0 != "buildings_outside_buurten" && $0.0 != "profile" })
        }
        return writer.finish()
    }
}
