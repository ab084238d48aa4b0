import Foundation

/// The stops of a GTFS feed (`stops.txt`), with the route types that serve each stop when
/// the feed's `routes.txt`, `trips.txt` and `stop_times.txt` are there.
///
/// Every row of `stops.txt` is kept, whatever its `location_type` (the caller chooses);
/// an empty `location_type` is 0, as GTFS says. A station (location_type 1) is served by the
/// route types of the stops that name it as `parent_station`.
public struct GTFSStops: Sendable {
    public var ids: [String] = []
    public var names: [String] = []
    /// WGS84 longitude and latitude.
    public var lons: [Double] = []
    public var lats: [Double] = []
    /// 0 stop or platform, 1 station, 2 entrance/exit, 3 generic node, 4 boarding area.
    public var locationTypes: [Int] = []
    /// The `parent_station` id, empty when none.
    public var parents: [String] = []
    /// Per stop: the distinct `route_type`s of the routes whose trips stop there (or, for a
    /// station, at its child stops), ascending; empty when unknown.
    public var routeTypes: [[Int]] = []

    public var count: Int { ids.count }

    public static let stopsFile = "stops.txt"
    public static let routesFiles = ["routes.txt", "trips.txt", "stop_times.txt"]

    /// Reads the feed in `folder` (the unzipped GTFS archive).
    public static func read(folder: String) throws -> GTFSStops {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeoError.io(path: folder, reason: "no such folder (a GTFS feed is a folder with \(stopsFile); unzip the feed first)")
        }
        var stops = try readStops(path: path(stopsFile))
        let present = routesFiles.filter { FileManager.default.fileExists(atPath: path($0)) }
        if present.count == routesFiles.count {
            try stops.readRouteTypes(routes: path("routes.txt"), trips: path("trips.txt"), stopTimes: path("stop_times.txt"))
        } else if !present.isEmpty {
            let missing = routesFiles.filter { !present.contains($0) }
            throw GeoError.io(path: path(missing[0]), reason: "missing: the feed has \(present.joined(separator: ", ")) but modes need all of \(routesFiles.joined(separator: ", "))")
        }
        return stops
    }

    static func readStops(path: String) throws -> GTFSStops {
        let csv = try CSVReader(path: path)
        let id = try csv.requiredIndex(of: "stop_id", purpose: "GTFS requires it")
        let lat = try csv.requiredIndex(of: "stop_lat", purpose: "the stop's WGS84 latitude")
        let lon = try csv.requiredIndex(of: "stop_lon", purpose: "the stop's WGS84 longitude")
        let name = csv.index(of: "stop_name"), type = csv.index(of: "location_type"), parent = csv.index(of: "parent_station")
        var stops = GTFSStops()
        var seen = Set<String>()
        try csv.forEachRow { row in
            let index = stops.count
            func fail(_ reason: String) -> GeoError { .feature(file: path, index: index, reason: "line \(row.line): \(reason)") }
            let stopID = row.string(id)
            guard !stopID.isEmpty else { throw fail("empty stop_id") }
            guard seen.insert(stopID).inserted else { throw fail("stop_id \"\(stopID)\" appears twice") }
            var locationType = 0
            if let type, !row.isEmpty(type) {
                guard let t = Int(row.string(type).trimmingSpaces), (0...4).contains(t) else {
                    throw fail("location_type must be empty or 0–4, found \"\(row.string(type))\"")
                }
                locationType = t
            }
            // Entrances, generic nodes and boarding areas may lack coordinates (GTFS allows
            // it for 3 and 4); they are kept with NaN so the caller can leave them out.
            let latitude = row.double(lat), longitude = row.double(lon)
            if locationType <= 2 {
                guard let latitude, let longitude, latitude.isFinite, longitude.isFinite else {
                    throw fail("stop \"\(stopID)\" needs numeric stop_lat and stop_lon")
                }
            }
            stops.ids.append(stopID)
            stops.names.append(name.map { row.string($0).trimmingSpaces } ?? "")
            stops.lats.append(latitude ?? .nan)
            stops.lons.append(longitude ?? .nan)
            stops.locationTypes.append(locationType)
            stops.parents.append(parent.map { row.string($0).trimmingSpaces } ?? "")
        }
        stops.routeTypes = Array(repeating: [], count: stops.count)
        return stops
    }

    /// Follows stop_times → trips → routes to the route types serving every stop.
    mutating func readRouteTypes(routes: String, trips: String, stopTimes: String) throws {
        var routeType: [String: Int] = [:]
        let routesCSV = try CSVReader(path: routes)
        let routeID = try routesCSV.requiredIndex(of: "route_id", purpose: "GTFS requires it")
        let type = try routesCSV.requiredIndex(of: "route_type", purpose: "the route's mode")
        try routesCSV.forEachRow { row in
            guard let t = Int(row.string(type).trimmingSpaces), t >= 0 else {
                throw GeoError.document(file: routes, reason: "line \(row.line): route_type must be a whole number, found \"\(row.string(type))\"")
            }
            routeType[row.string(routeID)] = t
        }
        var tripType: [String: Int] = [:]
        let tripsCSV = try CSVReader(path: trips)
        let tripID = try tripsCSV.requiredIndex(of: "trip_id", purpose: "GTFS requires it")
        let tripRoute = try tripsCSV.requiredIndex(of: "route_id", purpose: "GTFS requires it")
        try tripsCSV.forEachRow { row in
            let route = row.string(tripRoute)
            guard let t = routeType[route] else {
                throw GeoError.document(file: trips, reason: "line \(row.line): route_id \"\(route)\" is not in \(routes)")
            }
            tripType[row.string(tripID)] = t
        }
        var stopIndex: [String: Int] = [:]
        stopIndex.reserveCapacity(count)
        for (k, id) in ids.enumerated() { stopIndex[id] = k }
        var served = [Set<Int>](repeating: [], count: count)
        let timesCSV = try CSVReader(path: stopTimes)
        let timesTrip = try timesCSV.requiredIndex(of: "trip_id", purpose: "GTFS requires it")
        let timesStop = try timesCSV.requiredIndex(of: "stop_id", purpose: "GTFS requires it")
        // stop_times lists a trip's stops together: the trip is looked up once per run of
        // rows, not once per row (the national feed has millions of rows).
        var lastTrip: [UInt8] = [], lastType = 0
        try timesCSV.forEachRow { row in
            let trip = row.bytes(timesTrip)
            if !trip.elementsEqual(lastTrip) {
                let name = row.string(timesTrip)
                guard let t = tripType[name] else {
                    throw GeoError.document(file: stopTimes, reason: "line \(row.line): trip_id \"\(name)\" is not in \(trips)")
                }
                lastTrip = Array(trip)
                lastType = t
            }
            let stop = row.string(timesStop)
            guard let k = stopIndex[stop] else {
                throw GeoError.document(file: stopTimes, reason: "line \(row.line): stop_id \"\(stop)\" is not in stops.txt")
            }
            served[k].insert(lastType)
        }
        // A station is served by what serves its platforms.
        for k in 0..<count where !parents[k].isEmpty {
            if let p = stopIndex[parents[k]] { served[p].formUnion(served[k]) }
        }
        routeTypes = served.map { $0.sorted() }
    }

    /// The mode a GTFS `route_type` stands for, in the words of SPEC §1's `mode`: basic types
    /// 0–12 and the extended (Google "Hierarchical Vehicle Type") ranges.
    public static func mode(ofRouteType type: Int) -> String {
        switch type {
        case 0, 900...999: return "tram"
        case 1, 400...499: return "metro"
        case 2, 100...199: return "train"
        case 3, 200...299, 700...799: return "bus"
        case 11, 800...899: return "trolleybus"
        case 4, 1000...1099, 1200...1299: return "ferry"
        case 5: return "cable_tram"
        case 6, 1300...1399: return "aerial_lift"
        case 7, 1400...1499: return "funicular"
        case 12: return "monorail"
        case 1500...1599: return "taxi"
        default: return "other"
        }
    }
}
