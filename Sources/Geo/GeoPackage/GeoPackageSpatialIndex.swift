/// The R-tree spatial index of a layer (the GeoPackage extension `gpkg_rtree_index`, OGC
/// 12-128 Annex F.3), which GDAL and QGIS use to fetch only the features in view.
///
/// The index is bulk-loaded from the geometries' own envelopes (`RTreeBulkLoad`) after the
/// rows are inserted; the triggers that keep it current under later edits (by GDAL or QGIS,
/// which provide the `ST_*` functions they call) are created last, so they never run here.
enum GeoPackageSpatialIndex {
    static let extensionRow = """
        INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
        VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')
        """

    /// Indexes the geometry column `geom` of `table`, whose feature f has fid f + 1.
    static func create(for table: String, geometries: GeometryColumn, in database: SQLiteDatabase) throws {
        let index = SQLiteDatabase.quoted("rtree_\(table)_geom")
        try database.execute("CREATE VIRTUAL TABLE \(index) USING rtree(id, minx, maxx, miny, maxy)")
        var entries: [RTreeBulkLoad.Entry] = []
        entries.reserveCapacity(geometries.count)
        for feature in 0..<geometries.count {
            // Empty geometries are not indexed.
            guard let envelope = GeoPackageEnvelope(geometries.coordinateRange(of: feature), of: geometries) else { continue }
            entries.append(RTreeBulkLoad.Entry(id: Int64(feature + 1), envelope: envelope))
        }
        try RTreeBulkLoad.fill("rtree_\(table)_geom", with: entries, in: database)
        try database.execute(triggers(table: SQLiteDatabase.quoted(table), index: index, name: "rtree_\(table)_geom"))
        let row = try database.prepare(extensionRow)
        try row.bind(1, table)
        _ = try row.step()
    }

    /// The six triggers of the extension, as the standard gives them (and GDAL writes them).
    private static func triggers(table t: String, index: String, name: String) -> String {
        func trigger(_ suffix: String) -> String { SQLiteDatabase.quoted("\(name)_\(suffix)") }
        let values = "VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom))"
        return """
            CREATE TRIGGER \(trigger("insert")) AFTER INSERT ON \(t)
              WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO \(index) \(values); END;
            CREATE TRIGGER \(trigger("update1")) AFTER UPDATE OF geom ON \(t)
              WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO \(index) \(values); END;
            CREATE TRIGGER \(trigger("update2")) AFTER UPDATE OF geom ON \(t)
              WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(index) WHERE id = OLD.fid; END;
            CREATE TRIGGER \(trigger("update3")) AFTER UPDATE ON \(t)
              WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(index) WHERE id = OLD.fid; INSERT OR REPLACE INTO \(index) \(values); END;
            CREATE TRIGGER \(trigger("update4")) AFTER UPDATE ON \(t)
              WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(index) WHERE id IN (OLD.fid, NEW.fid); END;
            CREATE TRIGGER \(trigger("delete")) AFTER DELETE ON \(t)
              WHEN OLD.geom NOT NULL
            BEGIN DELETE FROM \(index) WHERE id = OLD.fid; END;
            """
    }
}
