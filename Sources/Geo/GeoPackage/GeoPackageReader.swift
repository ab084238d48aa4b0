import CSQLite

/// Reads one feature layer of a GeoPackage (the OGC SQLite format PDOK ships BAG and the CBS
/// wijk- en buurtkaart in) into a `FeatureTable`, as `GeoJSONReader` does for GeoJSON: the
/// geometries as flat arrays (GeoPackage binary header, then GEOS's WKB reader), the SRS
/// (EPSG:4326 or EPSG:28992), and the attribute columns asked for. Features come in primary
/// key order; each feature's primary key is its `featureIDs` entry.
///
/// Errors name the file and layer, and for one feature its index (0-based, in key order)
/// and primary key.
public struct GeoPackageReader {
    /// The layer (table) to read; nil reads the only feature layer there is.
    public var layer: String?
    /// The attribute columns to keep as properties (absent in every feature when the table
    /// has no such column, as with a GeoJSON property no feature has).
    public var properties: Set<String>
    /// Key ranges of the table are read on this many workers, each on its own connection.
    public var parallelism: Parallelism
    /// An SQL condition on the table's columns that a feature must meet to be read (nil: all).
    /// Features left out are never materialised; `count(path:)` tells how many there are.
    public var filter: String?
    /// At least this many keys per piece read in parallel (smaller in tests).
    var keysPerPiece: Int64 = 50_000

    public init(layer: String? = nil, properties: Set<String>, parallelism: Parallelism = .machine) {
        self.layer = layer
        self.properties = properties
        self.parallelism = parallelism
    }

    /// One feature layer as `gpkg_geometry_columns` describes it.
    public struct Layer: Equatable, Sendable {
        public let table: String
        public let geometryColumn: String
        public let srsID: Int32
    }

    /// The feature layers of a GeoPackage, by table name.
    public static func layers(path: String) throws -> [Layer] {
        try layers(in: try open(path))
    }

    public func read(path: String) throws -> FeatureTable {
        let database = try Self.open(path)
        return try read(try chosenLayer(in: database), of: database)
    }

    /// The number of features in the layer `read` would read from, ignoring `filter`.
    public func count(path: String) throws -> Int {
        let database = try Self.open(path)
        let query = try database.prepare("SELECT count(*) FROM \(SQLiteDatabase.quoted(try chosenLayer(in: database).table))")
        _ = try query.step()
        return Int(query.int64(0))
    }

    /// `layer`, or the only feature layer there is.
    func chosenLayer(in database: SQLiteDatabase) throws -> Layer {
        let layers = try Self.layers(in: database)
        if let layer {
            guard let found = layers.first(where: { $0.table == layer }) else {
                throw GeoError.document(file: database.path, reason: "no feature layer \"\(layer)\"; the GeoPackage has \(Self.list(layers))")
            }
            return found
        }
        guard layers.count == 1 else {
            throw GeoError.document(file: database.path, reason: layers.isEmpty ? "the GeoPackage has no feature layer"
                                    : "the GeoPackage has \(layers.count) feature layers (\(Self.list(layers))); name the one to read")
        }
        return layers[0]
    }

    // MARK: Reading

    static func open(_ path: String) throws -> SQLiteDatabase {
        let database = try SQLiteDatabase(readOnly: path)
        guard try database.hasTable("gpkg_geometry_columns"), try database.hasTable("gpkg_spatial_ref_sys") else {
            throw GeoError.document(file: path, reason: "not a GeoPackage (it has no gpkg_geometry_columns and gpkg_spatial_ref_sys tables)")
        }
        return database
    }

    static func layers(in database: SQLiteDatabase) throws -> [Layer] {
        let query = try database.prepare("SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns ORDER BY table_name")
        var layers: [Layer] = []
        while try query.step() {
            layers.append(Layer(table: query.text(0) ?? "", geometryColumn: query.text(1) ?? "", srsID: Int32(truncatingIfNeeded: query.int64(2))))
        }
        return layers
    }

    private static func list(_ layers: [Layer]) -> String {
        layers.isEmpty ? "none" : layers.map { "\"\($0.table)\"" }.joined(separator: ", ")
    }

    /// The coordinate reference system of an SRS id, from gpkg_spatial_ref_sys.
    static func crs(of srsID: Int32, in database: SQLiteDatabase, source: String) throws -> CoordinateReferenceSystem {
        let query = try database.prepare("SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = \(srsID)")
        guard try query.step() else {
            throw GeoError.document(file: source, reason: "SRS \(srsID) is not in gpkg_spatial_ref_sys")
        }
        let organization = (query.text(0) ?? "").uppercased(), code = query.int64(1)
        switch (organization, code) {
        case ("EPSG", 4326): return .wgs84
        case ("EPSG", 28992): return .rdNew
        default:
            throw GeoError.document(file: source, reason: "unsupported coordinate reference system \(organization):\(code) (SRS \(srsID)); cirkel reads EPSG:4326 (WGS84) or EPSG:28992 (RD New)")
        }
    }

    func read(_ layer: Layer, of database: SQLiteDatabase) throws -> FeatureTable {
        let source = "\(database.path) (layer \(layer.table))"
        var table = FeatureTable(source: source)
        table.crs = try Self.crs(of: layer.srsID, in: database, source: source)
        // The table's columns: its primary key, and which wanted ones exist.
        let info = try database.prepare("PRAGMA table_info(\(SQLiteDatabase.quoted(layer.table)))")
        var columns: [String] = [], primaryKey: String?
        while try info.step() {
            let name = info.text(1) ?? ""
            columns.append(name)
            if info.int64(5) == 1 { primaryKey = name }
        }
        guard columns.contains(layer.geometryColumn) else {
            throw GeoError.document(file: source, reason: "the geometry column \"\(layer.geometryColumn)\" is not in the table")
        }
        let wanted = properties.sorted().filter { columns.contains($0) }
        let key = primaryKey.map(SQLiteDatabase.quoted) ?? "rowid"
        let selected = [key, SQLiteDatabase.quoted(layer.geometryColumn)] + wanted.map(SQLiteDatabase.quoted)
        let select = "SELECT \(selected.joined(separator: ", ")) FROM \(SQLiteDatabase.quoted(layer.table))"
        let condition = filter.map { " AND (\($0))" } ?? ""
        // The key range, cut into pieces read in parallel (each worker opens its own
        // read-only connection) and joined in key order.
        let bounds = try database.prepare("SELECT min(\(key)), max(\(key)) FROM \(SQLiteDatabase.quoted(layer.table))")
        _ = try bounds.step()
        guard bounds.type(0) != SQLITE_NULL else {
            for name in wanted { table.properties[name] = [] }
            return table
        }
        let low = bounds.int64(0), high = bounds.int64(1)
        let span = high - low + 1
        let pieces = Int(min(Int64(parallelism.workers * 4), max(1, span / keysPerPiece)))
        let cuts = (0...pieces).map { low + Int64((Double(span) * Double($0) / Double(pieces)).rounded(.down)) }
        let results = ResultSlots<Piece>(count: pieces)
        let path = database.path, srsID = layer.srsID
        // Progress counts keys (rows a filter leaves out are passed over, and count too).
        let progress = parallelism.progress
        progress.expect(Int(span), .items("rows"), detail: path.split(separator: "/").last.map(String.init))
        try parallelism.run(chunks: pieces) { k in
            let connection = k == 0 ? database : try SQLiteDatabase(readOnly: path)
            let query = try connection.prepare("\(select) WHERE \(key) >= \(cuts[k]) AND \(key) < \(cuts[k + 1])\(condition) ORDER BY \(key)")
            results.set(k, try Self.readPiece(query, columns: wanted.count, srsID: srsID, source: source,
                                              keys: cuts[k]..<cuts[k + 1], progress: progress))
        }
        var values = [[PropertyValue]](repeating: [], count: wanted.count)
        var index = 0
        for k in 0..<pieces {
            let piece = results.value(k)!
            if let failure = piece.failure {
                throw GeoError.feature(file: source, index: index + failure.index, reason: "fid \(failure.fid): \(failure.reason)")
            }
            table.geometries.append(contentsOf: piece.geometries)
            table.featureIDs += piece.fids
            for c in wanted.indices { values[c] += piece.values[c] }
            index += piece.fids.count
        }
        for (k, name) in wanted.enumerated() { table.properties[name] = values[k] }
        progress.finishCount()
        return table
    }

    /// The features of one key range, or where it failed (index within the range).
    struct Piece {
        var geometries = GeometryColumn()
        var fids: [PropertyValue] = []
        var values: [[PropertyValue]]
        var failure: (index: Int, fid: Int64, reason: String)?
    }

    static func readPiece(_ query: SQLiteStatement, columns: Int, srsID: Int32, source: String,
                          keys: Range<Int64>, progress: ProgressMeter) throws -> Piece {
        var piece = Piece(values: Array(repeating: [], count: columns))
        let reader = try WKBReader(context: GEOSContext())
        var index = 0
        var counted = keys.lowerBound
        defer { progress.advance(by: Int(keys.upperBound - counted)) }
        while try query.step() {
            let fid = query.int64(0)
            if index & 0x3FFF == 0 {
                progress.advance(by: Int(fid - counted))
                counted = fid
            }
            func fail(_ reason: String) -> Piece {
                piece.failure = (index, fid, reason)
                return piece
            }
            guard query.type(1) == SQLITE_BLOB else {
                return fail(query.type(1) == SQLITE_NULL ? "the geometry is null (the feature has no location)" : "the geometry is not a blob")
            }
            let blob = query.blob(1)
            let header: GeoPackageGeometryHeader
            do {
                header = try GeoPackageGeometryHeader(blob)
            } catch {
                return fail(error.reason)
            }
            guard header.srsID == srsID || header.srsID <= 0 else {
                return fail("the geometry's SRS \(header.srsID) differs from the layer's \(srsID)")
            }
            guard !header.isEmpty else { return fail("the geometry is empty (the feature has no location)") }
            let wkb = UnsafeRawBufferPointer(rebasing: blob[header.wkbOffset...])
            // A 2D point (most of a BAG extract) is 21 bytes whose coordinates are taken as
            // they are; making a GEOS geometry of each took most of the reading time.
            if let (x, y) = WKBPoint.coordinates(wkb) {
                guard x.isFinite, y.isFinite else {
                    return fail(x.isNaN && y.isNaN ? "the geometry is empty (the feature has no location)" : "the point has a coordinate that is not a finite number")
                }
                piece.geometries.appendPoint(x, y)
            } else {
                let geometry: Geometry
                do {
                    geometry = try reader.read(wkb)
                } catch let error as GeoError {
                    return fail("unreadable WKB (\(error.description))")
                }
                let kind: GeometryKind?
                do {
                    kind = try geometry.appendFeature(to: &piece.geometries)
                } catch let error as GeoError {
                    return fail(error.description)
                }
                guard kind != nil else { return fail("the geometry is empty (the feature has no location)") }
            }
            piece.fids.append(.number(Double(fid)))
            for k in 0..<columns { piece.values[k].append(Self.value(query, column: Int32(k + 2))) }
            index += 1
        }
        return piece
    }

    /// A column value as a property value: numbers, text, null; a blob is kept only as a fact.
    static func value(_ query: SQLiteStatement, column: Int32) -> PropertyValue {
        switch query.type(column) {
        case SQLITE_INTEGER: return .number(Double(query.int64(column)))
        case SQLITE_FLOAT: return .number(query.double(column))
        case SQLITE_TEXT: return .string(query.text(column) ?? "")
        case SQLITE_NULL: return .null
        default: return .compound
        }
    }
}
