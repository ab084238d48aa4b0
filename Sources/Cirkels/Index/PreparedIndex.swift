import Foundation

/// `cirkel index`: a prepared binary snapshot of a data set and its analysis for one profile
/// (projected coordinates, ids, names, buurten, which buildings are complete and qualify and
/// their components, and the search structures of a check), so that `cirkel check` answers
/// without parsing GeoJSON or analysing, reading only the few pages a check touches.
///
/// Stored in a `BinaryArchive` of kind "cirkel-index". `formatVersion` changes whenever the
/// sections or their meaning change; an index of another version is refused with a message
/// saying to run `cirkel index` again.
public enum PreparedIndex {
    public static let kind = "cirkel-index"
    public static let formatVersion: UInt32 = 3
    static let remedy = "make it again with `cirkel index DATA_DIR -o FILE`"

    /// The archive bytes for an analysis state and its prepared indexes.
    public static func encode(_ prepared: PreparedAnalysis) throws -> [UInt8] {
        // A planned state keeps additions beside its search structures; the file stores
        // whole structures, so build them afresh for it.
        let state = try prepared.state()
        let p = prepared.extraQualifying.isEmpty && prepared.extraClustered.isEmpty ? prepared
            : PreparedAnalysis(state: state, profile: prepared.profile)
        precondition(state.data.buildings.ids.count == state.data.buildings.count, "an index is written with its building ids")
        var archive = BinaryArchiveWriter(kind: kind, version: formatVersion)
        let b = state.data.buildings, v = state.data.voorzieningen, u = state.data.buurten
        archive.add("profile", bytes: ProfileLoader.document(for: p.profile).serialized())
        archive.add("source", strings: [state.data.source])
        archive.add("projection.wgs84ToRD", strings: [(try p.projection ?? ProjectionDefinition.current()).wgs84ToRD])
        archive.add("buildings.id", strings: b.ids)
        archive.add("buildings.x", doubles: b.xs)
        archive.add("buildings.y", doubles: b.ys)
        archive.add("buildings.units", int32s: b.units)
        archive.add("buildings.nultreden", bytes: b.nultredenAllowed.map { $0 ? 1 : 0 })
        archive.add("voorzieningen.type", strings: v.types)
        archive.add("voorzieningen.name", strings: v.names)
        archive.add("voorzieningen.x", doubles: v.xs)
        archive.add("voorzieningen.y", doubles: v.ys)
        archive.add("buurten.code", strings: u.codes)
        archive.add("buurten.name", strings: u.names)
        let g = u.geometries
        archive.add("buurten.kind", bytes: g.kinds.map(\.rawValue))
        archive.add("buurten.x", doubles: g.xs)
        archive.add("buurten.y", doubles: g.ys)
        archive.add("buurten.partStart", int32s: g.partStart)
        archive.add("buurten.ringStart", int32s: g.ringStart)
        archive.add("buurten.coordinateStart", int32s: g.coordinateStart)
        archive.add("results.complete", bytes: state.complete.map { $0 ? 1 : 0 })
        archive.add("results.qualifying", bytes: state.qualifying.map { $0 ? 1 : 0 })
        archive.add("results.component", int32s: state.clusters.componentOfBuilding)
        let clusters = state.clusters.clusters
        archive.add("clusters.memberStart", int64s: clusters.reduce(into: [0]) { $0.append($0.last! + Int64($1.members.count)) })
        archive.add("clusters.members", int32s: clusters.flatMap { $0.members.map { Int32($0) } })
        archive.add("clusters.centroidX", doubles: clusters.map(\.centroidX))
        archive.add("clusters.centroidY", doubles: clusters.map(\.centroidY))
        archive.add("clusters.extent", doubles: clusters.map(\.extent))
        // What a check looks up, and the search structures, so that loading builds nothing
        // and a check reads them in place.
        archive.add("check.cluster", int32s: p.clusterOfBuilding.array)
        archive.add("check.componentUnits", int64s: p.componentUnits.array)
        archive.add("check.clusterUnits", int64s: p.clusterUnits.array)
        let grid = p.qualifyingGrid.storage
        archive.add("check.qualifying.members", int32s: p.qualifyingMembers.array)
        archive.add("check.qualifying.x", doubles: p.qualifyingGrid.xs.array)
        archive.add("check.qualifying.y", doubles: p.qualifyingGrid.ys.array)
        archive.add("check.qualifying.grid", doubles: grid.geometry)
        archive.add("check.qualifying.cellStart", int32s: grid.cellStart.array)
        archive.add("check.qualifying.order", int32s: grid.order.array)
        let tree = p.clusteredTree.storage
        archive.add("check.clustered.members", int32s: p.clusteredMembers.array)
        archive.add("check.clustered.x", doubles: tree.xs.array)
        archive.add("check.clustered.y", doubles: tree.ys.array)
        archive.add("check.clustered.original", int32s: tree.original.array)
        for (k, index) in p.criterionIndexes.enumerated() {
            let tree = index.tree.storage
            archive.add("check.criterion.\(k).members", int32s: index.members.array)
            archive.add("check.criterion.\(k).x", doubles: tree.xs.array)
            archive.add("check.criterion.\(k).y", doubles: tree.ys.array)
            archive.add("check.criterion.\(k).original", int32s: tree.original.array)
        }
        return archive.encoded()
    }

    /// Writes the index file atomically (a temporary file renamed into place).
    public static func write(_ p: PreparedAnalysis, to path: String) throws {
        do {
            try Data(try encode(p)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CirkelError.geo(.io(path: path, reason: "cannot write the index (\(error.localizedDescription))"))
        }
    }

    /// Loads an index: the small parts (profile, voorzieningen, buurten) are read, the
    /// per-building parts stay in the mapped file as `Column`s, checked as they are read; call
    /// `checkIntegrity()` on the result before using an answer. With a `profile` other than
    /// the one the index was made with, the results are computed again from the stored data
    /// (slower, still no GeoJSON). `buildingIDs: false` leaves the building ids out of the
    /// whole state (`state()`; see `Buildings.ids`).
    public static func load(path: String, profile requested: Profile? = nil, parallelism: Parallelism = .machine,
                            buildingIDs: Bool = true) throws -> PreparedAnalysis {
        try wrappingGeoErrors {
            let archive = try BinaryArchiveReader(path: path, kind: kind, supportedVersions: formatVersion...formatVersion, remedy: remedy)
            let stored = try ProfileLoader.parse(Data(try archive.bytes("profile")), source: "\(path) (stored profile)", isTOML: false)
            var voorzieningen = Voorzieningen()
            voorzieningen.types = try archive.strings("voorzieningen.type")
            voorzieningen.names = try archive.strings("voorzieningen.name")
            voorzieningen.xs = try archive.doubles("voorzieningen.x")
            voorzieningen.ys = try archive.doubles("voorzieningen.y")
            var buurten = Buurten()
            buurten.codes = try archive.strings("buurten.code")
            buurten.names = try archive.strings("buurten.name")
            buurten.geometries = try GeometryColumn(
                kinds: try archive.bytes("buurten.kind"), xs: try archive.doubles("buurten.x"), ys: try archive.doubles("buurten.y"),
                partStart: try archive.int32s("buurten.partStart"), ringStart: try archive.int32s("buurten.ringStart"),
                coordinateStart: try archive.int32s("buurten.coordinateStart"), source: path)
            guard [voorzieningen.names.count, voorzieningen.xs.count, voorzieningen.ys.count].allSatisfy({ $0 == voorzieningen.types.count }),
                  buurten.names.count == buurten.codes.count, buurten.geometries.count == buurten.codes.count else {
                throw GeoError.document(file: path, reason: "damaged index: its sections disagree on the number of features")
            }
            let sourceName = try archive.strings("source").first ?? path
            guard let projection = try archive.strings("projection.wgs84ToRD").first.map(ProjectionDefinition.init(wgs84ToRD:)) else {
                throw GeoError.document(file: path, reason: "damaged index: it names no projection")
            }
            let (storedVoorzieningen, storedBuurten) = (voorzieningen, buurten)
            let loadState: @Sendable () throws -> AnalysisState = {
                try wrappingGeoErrors {
                    try state(from: archive, path: path, voorzieningen: storedVoorzieningen, buurten: storedBuurten,
                              source: sourceName, buildingIDs: buildingIDs)
                }
            }
            if let requested, requested != stored {
                let data = try loadState().data
                let result = try Analysis.run(data: data, options: AnalysisOptions(profile: requested, parallelism: parallelism, vlekkenkaart: false, clusterOutlines: false))
                return PreparedAnalysis(result: result, projection: projection)
            }
            let buildingCount = try archive.column("buildings.x", as: Double.self).count
            let component: Column<Int32> = try archive.column("results.component")
            let cluster: Column<Int32> = try archive.column("check.cluster")
            let qualifyingMembers: Column<Int32> = try archive.column("check.qualifying.members")
            let clusteredMembers: Column<Int32> = try archive.column("check.clustered.members")
            // Only sizes are checked here (every content check would read the whole file);
            // the contents are vouched for by the chunk checksums as they are read.
            guard component.count == buildingCount, cluster.count == buildingCount,
                  let grid = GridIndex(xs: try archive.column("check.qualifying.x"), ys: try archive.column("check.qualifying.y"),
                                       storage: try archive.doubles("check.qualifying.grid"), try archive.column("check.qualifying.cellStart"),
                                       try archive.column("check.qualifying.order")),
                  grid.count == qualifyingMembers.count,
                  let tree = KDTree(storage: try archive.column("check.clustered.x"), try archive.column("check.clustered.y"),
                                    try archive.column("check.clustered.original")),
                  tree.count == clusteredMembers.count else {
                throw GeoError.document(file: path, reason: "damaged index: its search structures do not match the buildings")
            }
            let criterionIndexes = try stored.criteria.enumerated().map { k, criterion in
                guard let tree = KDTree(storage: try archive.column("check.criterion.\(k).x"), try archive.column("check.criterion.\(k).y"),
                                        try archive.column("check.criterion.\(k).original")),
                      let index = CriterionIndex(criterion: criterion, members: try archive.column("check.criterion.\(k).members"), tree: tree),
                      index.members.count <= voorzieningen.count else {
                    throw GeoError.document(file: path, reason: "damaged index: the voorzieningen of criterion \(criterion.name) do not match")
                }
                return index
            }
            return PreparedAnalysis(profile: stored, voorzieningen: voorzieningen, buurten: buurten, buildingCount: buildingCount,
                                    projection: projection,
                                    componentOfBuilding: component, clusterOfBuilding: cluster,
                                    componentUnits: try archive.column("check.componentUnits"), clusterUnits: try archive.column("check.clusterUnits"),
                                    qualifyingMembers: qualifyingMembers, qualifyingGrid: grid,
                                    clusteredMembers: clusteredMembers, clusteredTree: tree, criterionIndexes: criterionIndexes, buurtLookup: nil,
                                    extraQualifying: [], extraClustered: [],
                                    source: .stored(load: loadState), integrityCheck: { try wrappingGeoErrors { try archive.checkIntegrity() } })
        }
    }

    /// The clusters as stored (nothing recomputed), checked for consistency so that no
    /// index is out of range.
    private static func storedClusters(from archive: BinaryArchiveReader, path: String, componentOf: [Int32]) throws -> Clusters {
        let start = try archive.int64s("clusters.memberStart"), members = try archive.int32s("clusters.members")
        let units = try archive.int64s("check.clusterUnits"), componentUnits = try archive.int64s("check.componentUnits")
        let x = try archive.doubles("clusters.centroidX"), y = try archive.doubles("clusters.centroidY"), extent = try archive.doubles("clusters.extent")
        let clusterOf = try archive.int32s("check.cluster")
        let n = componentOf.count, count = units.count
        guard start.count == count + 1, start.first == 0, start.last == Int64(members.count), zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 }),
              [x.count, y.count, extent.count].allSatisfy({ $0 == count }), clusterOf.count == n,
              members.allSatisfy({ $0 >= 0 && Int($0) < n }), clusterOf.allSatisfy({ $0 >= 0 && Int($0) <= count }),
              componentOf.allSatisfy({ Int($0) < componentUnits.count }) else {
            throw GeoError.document(file: path, reason: "damaged index: the stored clusters do not match the buildings")
        }
        let clusters = (0 ..< count).map { k in
            Cluster(id: k + 1, members: members[Int(start[k]) ..< Int(start[k + 1])].map { Int($0) }, units: Int(units[k]),
                    centroidX: x[k], centroidY: y[k], extent: extent[k])
        }
        return Clusters(clusters: clusters, clusterOfBuilding: clusterOf.map { Int($0) }, componentOfBuilding: componentOf,
                        componentUnits: componentUnits.map { Int($0) })
    }

    /// The whole state from the archive (every building section read and checked).
    private static func state(from archive: BinaryArchiveReader, path: String, voorzieningen: Voorzieningen,
                              buurten: Buurten, source: String, buildingIDs: Bool) throws -> AnalysisState {
        var buildings = Buildings()
        buildings.xs = try archive.doubles("buildings.x")
        if buildingIDs { buildings.ids = try archive.strings("buildings.id") }
        buildings.ys = try archive.doubles("buildings.y")
        buildings.units = try archive.int32s("buildings.units")
        buildings.nultredenAllowed = try archive.bytes("buildings.nultreden").map { $0 != 0 }
        let n = buildings.xs.count
        guard !buildingIDs || buildings.ids.count == n, [buildings.xs.count, buildings.ys.count, buildings.units.count, buildings.nultredenAllowed.count].allSatisfy({ $0 == n }) else {
            throw GeoError.document(file: path, reason: "damaged index: its sections disagree on the number of features")
        }
        let data = DataSet(buildings: buildings, voorzieningen: voorzieningen, buurten: buurten, source: source)
        let complete = try archive.bytes("results.complete").map { $0 != 0 }
        let qualifying = try archive.bytes("results.qualifying").map { $0 != 0 }
        let component = try archive.int32s("results.component")
        guard complete.count == n, qualifying.count == n, component.count == n,
              zip(qualifying, component).allSatisfy({ $0 == ($1 >= 0 && Int($1) < n) }) else {
            throw GeoError.document(file: path, reason: "damaged index: the stored results do not match the buildings")
        }
        let clusters = try storedClusters(from: archive, path: path, componentOf: component)
        return AnalysisState(data: data, complete: complete, qualifying: qualifying, clusters: clusters)
    }
}
