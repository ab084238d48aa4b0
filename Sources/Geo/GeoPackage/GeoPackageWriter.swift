import Foundation

/// Writes feature layers to a new GeoPackage 1.2 file (the OGC SQLite format GDAL and QGIS
/// open): one layer per `addLayer` call, with its geometries (from a `GeometryColumn`, in
/// EPSG:4326 or EPSG:28992) and attribute columns, then `close()`.
///
/// Each layer's table has `fid INTEGER PRIMARY KEY AUTOINCREMENT` (feature f gets fid f + 1),
/// `geom` declared as the layer's geometry type, then the columns in the order given. Every
/// layer goes into one SQLite transaction through one reused INSERT, committed by `close()`;
/// a writer released without `close()` leaves an incomplete file, which the caller deletes
/// (or writes into a `StagedOutputDirectory`, which does).
///
/// The same layers give a byte-identical file: nothing depends on the clock (see
/// `GeoPackageSchema.lastChange`) or on the machine.
///
/// ```swift
/// let writer = try GeoPackageWriter(path: "out/buurten.gpkg")
/// try writer.addLayer(name: "buurten", geometries: table.geometries, crs: .rdNew,
///                     columns: [GeoPackageColumn(name: "units", kind: .integer)]) { f in [.integer(units[f])] }
/// try writer.close()
/// ```
public final class GeoPackageWriter {
    /// The file as errors name it.
    public let path: String
    private var state: State
    /// The names of the layers written (lowercased: SQLite's names ignore ASCII case).
    private var layerNames: Set<String> = []

    private enum State {
        case open(SQLiteDatabase)
        case closed
        /// An error could not be rolled back: the file is incomplete for good.
        case broken
    }

    /// Creates the file at `path`; an error if it exists. Errors name `reportedPath` (the
    /// file's final place when it is written elsewhere first) or else `path`.
    public init(path: String, reportedPath: String? = nil) throws {
        let database = try SQLiteDatabase(creating: path, reportedPath: reportedPath)
        self.path = database.path
        state = .open(database)
        do {
            try Self.start(database)
        } catch {
            // The file is new and ours: leave nothing behind.
            _ = unlink(path)
            throw error
        }
    }

    /// Makes the new database a GeoPackage: its identity, the metadata tables and the spatial
    /// reference systems, in the transaction that `close()` commits.
    private static func start(_ database: SQLiteDatabase) throws {
        // The journal lives in memory and nothing is synced: a crash leaves a partial new
        // file, which is discarded either way (as with every output; none is fsynced).
        try database.execute("""
            PRAGMA application_id = \(GeoPackageSchema.applicationID);
            PRAGMA user_version = \(GeoPackageSchema.userVersion);
            PRAGMA journal_mode = MEMORY;
            PRAGMA synchronous = OFF;
            BEGIN;
            \(GeoPackageSchema.tables)
            """)
        let insert = try database.prepare("""
            INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for srs in GeoPackageSchema.spatialReferenceSystems {
            try insert.bind(1, srs.name)
            try insert.bind(2, Int64(srs.id))
            try insert.bind(3, srs.organization)
            try insert.bind(4, Int64(srs.organizationID))
            try insert.bind(5, srs.definition)
            try insert.bind(6, srs.description)
            _ = try insert.step()
            try insert.reset()
        }
    }

    /// Adds a layer (table) `name` of `geometries.count` features: feature f has geometry f
    /// and the values `row(f)`, one per column, each of the column's kind (see
    /// `GeoPackageColumn.bind`). `description` goes to `gpkg_contents`.
    ///
    /// A failed call (a bad name, a value that does not fit, an error thrown by `row`)
    /// leaves the GeoPackage as it was before it.
    public func addLayer(name: String, description: String = "", geometries: GeometryColumn, crs: CoordinateReferenceSystem,
                         columns: [GeoPackageColumn], row: (Int) throws -> [OutputValue]) throws {
        let database: SQLiteDatabase
        switch state {
        case let .open(open): database = open
        case .closed: throw GeoError.io(path: path, reason: "cannot add layer \"\(name)\": the GeoPackage is already closed")
        case .broken: throw GeoError.io(path: path, reason: "cannot add layer \"\(name)\": an earlier error left the GeoPackage incomplete")
        }
        try validate(layer: name, columns: columns)
        // A savepoint per layer, so that a failure takes back the layer's table and rows.
        try database.execute("SAVEPOINT layer")
        do {
            try writeLayer(name, description: description, geometries: geometries, crs: crs, columns: columns, row: row, into: database)
            try database.execute("RELEASE layer")
        } catch {
            do {
                try database.execute("ROLLBACK TO layer; RELEASE layer")
            } catch {
                state = .broken
            }
            throw error
        }
        layerNames.insert(name.lowercased())
    }

    /// Commits everything written; the file is then a complete GeoPackage. Closing again
    /// does nothing.
    public func close() throws {
        switch state {
        case let .open(database):
            try database.execute("COMMIT")
            // Releasing the database closes the connection (no statement outlives addLayer).
            state = .closed
        case .closed:
            return
        case .broken:
            throw GeoError.io(path: path, reason: "cannot finish: an earlier error left the GeoPackage incomplete")
        }
    }

    // MARK: Writing one layer

    private func validate(layer name: String, columns: [GeoPackageColumn]) throws {
        func fail(_ reason: String) -> GeoError { .io(path: path, reason: "cannot add layer \"\(name)\": \(reason)") }
        let lowercased = name.lowercased()
        guard !name.isEmpty else { throw fail("a layer needs a name") }
        guard !name.contains("\0") else { throw fail("a layer name cannot hold a NUL character") }
        for prefix in ["gpkg_", "sqlite_", "rtree_"] where lowercased.hasPrefix(prefix) {
            throw fail("names starting with \"\(prefix)\" are reserved by GeoPackage and SQLite")
        }
        guard !layerNames.contains(lowercased) else { throw fail("the GeoPackage already has a layer of that name") }
        var seen = Set<String>()
        for column in columns {
            let key = column.name.lowercased()
            guard !column.name.isEmpty else { throw fail("a column needs a name") }
            guard !column.name.contains("\0") else { throw fail("column \"\(column.name)\": a name cannot hold a NUL character") }
            guard key != "fid", key != "geom" else {
                throw fail("column \"\(column.name)\": the name is taken by the \(key == "fid" ? "feature id" : "geometry") column")
            }
            guard seen.insert(key).inserted else { throw fail("column \"\(column.name)\" appears twice (names ignore case)") }
        }
    }

    private func writeLayer(_ name: String, description: String, geometries: GeometryColumn, crs: CoordinateReferenceSystem,
                            columns: [GeoPackageColumn], row: (Int) throws -> [OutputValue], into database: SQLiteDatabase) throws {
        let type = GeoPackageGeometryType(kinds: geometries.kinds)
        let srsID = GeoPackageSchema.srsID(of: crs)
        let table = SQLiteDatabase.quoted(name)
        let definitions = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "geom \(type.name)"]
            + columns.map { "\(SQLiteDatabase.quoted($0.name)) \($0.kind.sqlType)" }
        try database.execute("CREATE TABLE \(table) (\(definitions.joined(separator: ", ")))")
        try register(name, description: description, bounds: Self.bounds(of: geometries), srsID: srsID, typeName: type.name, in: database)

        let source = "\(path) (layer \(name))"
        let names = ["geom"] + columns.map { SQLiteDatabase.quoted($0.name) }
        let parameters = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let insert = try database.prepare("INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(parameters))")
        var encoder = GeoPackageBlobEncoder(srsID: srsID, promotesToMulti: type.promotesToMulti)
        for feature in 0..<geometries.count {
            let values = try row(feature)
            guard values.count == columns.count else {
                throw GeoError.feature(file: source, index: feature, reason: "\(values.count) values for \(columns.count) columns")
            }
            try encoder.encode(feature, of: geometries) { try insert.bind(1, blob: $0) }
            for (k, value) in values.enumerated() {
                guard try columns[k].bind(value, to: insert, at: Int32(k + 2)) else {
                    throw GeoError.feature(file: source, index: feature,
                                           reason: "column \"\(columns[k].name)\" (\(columns[k].kind.sqlType)) cannot hold \(GeoPackageColumn.describe(value))")
                }
            }
            _ = try insert.step()
            try insert.reset()
        }
        try GeoPackageSpatialIndex.create(for: name, geometries: geometries, in: database)
    }

    /// The rows that make a table a feature layer: its `gpkg_contents` entry (with the
    /// bounds of its geometries) and its `gpkg_geometry_columns` entry (2D: no z, no m).
    private func register(_ name: String, description: String, bounds: GeoPackageEnvelope?,
                          srsID: Int32, typeName: String, in database: SQLiteDatabase) throws {
        let contents = try database.prepare("""
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
            VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try contents.bind(1, name)
        try contents.bind(2, name)
        try contents.bind(3, description)
        try contents.bind(4, GeoPackageSchema.lastChange)
        if let bounds {
            for (k, value) in [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY].enumerated() { try contents.bind(Int32(5 + k), value) }
        }
        try contents.bind(9, Int64(srsID))
        _ = try contents.step()

        let geometryColumns = try database.prepare("""
            INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, ?, 0, 0)
            """)
        try geometryColumns.bind(1, name)
        try geometryColumns.bind(2, typeName)
        try geometryColumns.bind(3, Int64(srsID))
        _ = try geometryColumns.step()
    }

    /// The bounding box of every coordinate of the layer; nil when there is none.
    static func bounds(of geometries: GeometryColumn) -> GeoPackageEnvelope? {
        guard geometries.count > 0 else { return nil }
        return GeoPackageEnvelope(geometries.coordinateRange(of: 0).lowerBound..<geometries.coordinateRange(of: geometries.count - 1).upperBound,
                                  of: geometries)
    }
}
