import Foundation

/// Many locations at once: a GeoJSON file of points (a `name` or `id` property labels them)
/// or a CSV file with a header and columns `lon,lat` (WGS84) or `x,y` (RD New), and
/// optionally `name` or `id`.
public enum LocationsFile {
    /// `projection` (from an index) spares the CSV path PROJ's start-up; GeoJSON is projected
    /// as every input file is.
    public static func read(path: String, projection: ProjectionDefinition? = nil) throws -> [Location] {
        if path.lowercased().hasSuffix(".csv") { return try readCSV(path: path, projection: projection) }
        var table = try wrappingGeoErrors { try GeoJSONReader(properties: ["name", "id"]).read(path: path) }
        let declared = table.crs
        let original = table.geometries
        let locator = FeatureLocator(parallelism: Parallelism(workers: 1))
        try wrappingGeoErrors { try locator.projectToRD(&table) }
        try locator.checkRDInput(table)
        let (xs, ys) = try locator.locations(of: table, allowed: [.point])
        let names = table.column("name"), ids = table.column("id")
        return (0..<table.count).map { f in
            let c = original.coordinateRange(of: f).lowerBound
            let label = names[f].text ?? ids[f].text ?? "\(declared == .wgs84 ? "" : "RD ")\(original.xs[c]),\(original.ys[c])"
            return Location(x: xs[f], y: ys[f], label: label)
        }
    }

    static func readCSV(path: String, projection: ProjectionDefinition?) throws -> [Location] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CirkelError.missingFile(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot read it as UTF-8 text" : "no such file")
        }
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw CirkelError.invalidFeature(file: path, index: 0, reason: "the file is empty; expected a header row") }
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let crs: CoordinateReferenceSystem
        let (a, b): (Int, Int)
        if let lon = header.firstIndex(of: "lon"), let lat = header.firstIndex(of: "lat") {
            (a, b, crs) = (lon, lat, .wgs84)
        } else if let x = header.firstIndex(of: "x"), let y = header.firstIndex(of: "y") {
            (a, b, crs) = (x, y, .rdNew)
        } else {
            throw CirkelError.invalidFeature(file: path, index: 0, reason: "the header needs columns lon,lat (WGS84) or x,y (RD New); found \(header.joined(separator: ","))")
        }
        let labelColumn = header.firstIndex(of: "name") ?? header.firstIndex(of: "id")
        // Rows are numbered as in a spreadsheet: the header is row 1.
        let points: [(Double, Double, String)] = try lines.enumerated().map { row, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard max(a, b) < fields.count, let first = Double(fields[a]), let second = Double(fields[b]), first.isFinite, second.isFinite else {
                throw CirkelError.invalidFeature(file: path, index: row, reason: "row \(row + 2): expected numbers in columns \(header[a]) and \(header[b])")
            }
            return (first, second, labelColumn.flatMap { $0 < fields.count ? fields[$0] : nil } ?? "\(fields[a]),\(fields[b])")
        }
        return try Location.makeAll(points, crs: crs, projection: projection) { row, error in
            .invalidFeature(file: path, index: row, reason: "row \(row + 2): \(error.description)")
        }
    }
}
