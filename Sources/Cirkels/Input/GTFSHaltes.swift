import Foundation

/// OV-haltes from the stops of a GTFS feed: stops and platforms (location_type 0 or empty)
/// and stations (1); entrances, nodes and boarding areas are not haltes. The mode is that of
/// the routes serving the stop, when the feed says. Stops of one name within
/// `GTFSRules.mergeWithin` metres of each other become one halte, so a platform pair on either
/// side of the road counts once.
enum GTFSHaltes {
    /// The stops that can be haltes, as points in WGS84 with `name` and `mode` (and the
    /// GTFS `stop_id` as the feature id).
    static func table(_ stops: GTFSStops, folder: String) -> FeatureTable {
        var geometries = GeometryColumn()
        var names: [PropertyValue] = [], modes: [PropertyValue] = [], ids: [PropertyValue] = []
        for k in 0..<stops.count where stops.locationTypes[k] <= 1 {
            geometries.appendPoint(stops.lons[k], stops.lats[k])
            names.append(.string(stops.names[k]))
            let served = Set(stops.routeTypes[k].map(GTFSStops.mode(ofRouteType:)))
            modes.append(served.isEmpty ? .null : .string(modeOrder.filter(served.contains).joined(separator: ";")))
            ids.append(.string(stops.ids[k]))
        }
        return FeatureTable(source: (folder as NSString).appendingPathComponent(GTFSStops.stopsFile), geometries: geometries,
                            properties: ["name": names, "mode": modes, "stop_id": ids], crs: .wgs84)
    }

    /// Modes listed heaviest first, as a halte served by several shows them.
    static let modeOrder = ["train", "metro", "tram", "bus", "trolleybus", "ferry", "monorail", "funicular", "aerial_lift", "cable_tram", "taxi", "other"]

    /// The merged haltes: per group, the location of its first stop in file order, and the
    /// modes of all its stops. Returns the kept feature indices and their modes.
    static func merge(names: [String], xs: [Double], ys: [Double], modes: [String?], within: Double) -> [(feature: Int, mode: String?)] {
        var byName: [String: [Int]] = [:]
        for (k, name) in names.enumerated() { byName[Criterion.normalisedType(name), default: []].append(k) }
        var sets = DisjointSets(count: names.count)
        for (_, members) in byName where members.count > 1 {
            // Within one name, sweep in x order: only stops within `within` in x can be close.
            let sorted = members.sorted { xs[$0] < xs[$1] }
            for (i, a) in sorted.enumerated() {
                for b in sorted[(i + 1)...] {
                    if xs[b] - xs[a] > within { break }
                    let dx = xs[b] - xs[a], dy = ys[b] - ys[a]
                    if dx * dx + dy * dy <= within * within { sets.union(a, b) }
                }
            }
        }
        var groupOf: [Int: Int] = [:]
        var result: [(feature: Int, modes: Set<String>)] = []
        for k in 0..<names.count {
            let root = sets.root(of: k)
            if let g = groupOf[root] {
                if let m = modes[k] { result[g].modes.formUnion(m.split(separator: ";").map(String.init)) }
            } else {
                groupOf[root] = result.count
                result.append((k, Set(modes[k].map { $0.split(separator: ";").map(String.init) } ?? [])))
            }
        }
        return result.map { ($0.feature, $0.modes.isEmpty ? nil : modeOrder.filter($0.modes.contains).joined(separator: ";")) }
    }
}

extension DataSetReader {
    func readGTFSHaltes(_ table: FeatureTable, rules: GTFSRules, into result: inout Voorzieningen, locator: FeatureLocator,
                        notes: inout [String]) throws {
        let (xs, ys) = try locator.locations(of: table, allowed: [.point])
        let names = table.column("name").map { $0.text ?? "" }
        let merged = GTFSHaltes.merge(names: names, xs: xs, ys: ys, modes: table.column("mode").map(\.text), within: rules.mergeWithin)
        for halte in merged {
            result.append(type: Voorzieningen.ovHalteType, name: names[halte.feature], x: xs[halte.feature], y: ys[halte.feature])
        }
        var byMode: [String: Int] = [:]
        for halte in merged { byMode[halte.mode ?? "mode unknown", default: 0] += 1 }
        let modes = byMode.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value.groupedDigits)" }
        notes.append("\(table.source): \(table.count.groupedDigits) stops and stations make \(merged.count.groupedDigits) haltes (one name within \(Int(rules.mergeWithin)) m is one halte): \(modes.joined(separator: ", "))")
    }
}
