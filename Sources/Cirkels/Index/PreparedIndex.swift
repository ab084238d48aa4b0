import Foundation

/// `cirkel index`: a prepared binary snapshot of a data set and its analysis for one profile
/// (projected coordinates, ids, names, buurten, which buildings are complete and qualify and
/// their components), so that `cirkel check` answers without parsing GeoJSON or analysing.
///
/// Stored in a `BinaryArchive` of kind "cirkel-index". `formatVersion` changes whenever the
/// sections or their meaning change; an index of another version is refused with a message
/// saying to run `cirkel index` again.
public enum PreparedIndex {
    public static let kind = "cirkel-index"
    public static let formatVersion: UInt32 = 2
    static let remedy = "make it again with `cirkel index DATA_DIR -o FILE`"

    /// The archive bytes for a prepared analysis.
    public static func encode(_ prepared: PreparedAnalysis) -> [UInt8] {
        // A planned state keeps additions beside its search structures; the file stores
        // whole structures, so build them afresh for it.
        let p = prepared.extraQualifying.isEmpty && prepared.extraClustered.isEmpty ? prepared
            : PreparedAnalysis(data: prepared.data, profile: prepared.profile, complete: prepared.complete,
                               qualifying: prepared.qualifying, clusters: prepared.clusters)
        precondition(p.data.buildings.ids.count == p.data.buildings.count, "an index is written with its building ids")
        var archive = BinaryArchiveWriter(kind: kind, version: formatVersion)
        let b = p.data.buildings, v = p.data.voorzieningen, u = p.data.buurten
        archive.add("profile", bytes: ProfileLoader.document(for: p.profile).serialized())
        archive.add("source", strings: [p.data.source])
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
        archive.add("results.complete", bytes: p.complete.map { $0 ? 1 : 0 })
        archive.add("results.qualifying", bytes: p.qualifying.map { $0 ? 1 : 0 })
        archive.add("results.component", int32s: p.clusters.componentOfBuilding)
        // The search structures, so that loading builds nothing.
        let grid = p.qualifyingGrid.storage
        archive.add("prepared.qualifying.grid", doubles: grid.geometry)
        archive.add("prepared.qualifying.cellStart", int32s: grid.cellStart)
        archive.add("prepared.qualifying.order", int32s: grid.order)
        let tree = p.clusteredTree.storage
        archive.add("prepared.clustered.x", doubles: tree.xs)
        archive.add("prepared.clustered.y", doubles: tree.ys)
        archive.add("prepared.clustered.original", int32s: tree.original)
        return archive.encoded()
    }

    /// Writes the index file atomically (a temporary file renamed into place).
    public static func write(_ p: PreparedAnalysis, to path: String) throws {
        do {
            try Data(encode(p)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CirkelError.geo(.io(path: path, reason: "cannot write the index (\(error.localizedDescription))"))
        }
    }

    /// Loads an index. With a `profile` other than the one the index was made with, the
    /// results are computed again from the stored data (slower, still no GeoJSON).
    /// `buildingIDs: false` skips decoding the building ids (see `Buildings.ids`).
    public static func load(path: String, profile requested: Profile? = nil, parallelism: Parallelism = .machine,
                            buildingIDs: Bool = true) throws -> PreparedAnalysis {
        try wrappingGeoErrors {
            let archive = try BinaryArchiveReader(path: path, kind: kind, supportedVersions: formatVersion...formatVersion, remedy: remedy)
            let stored = try ProfileLoader.parse(Data(try archive.bytes("profile")), source: "\(path) (stored profile)", isTOML: false)
            var buildings = Buildings()
            buildings.xs = try archive.doubles("buildings.x")
            if buildingIDs { buildings.ids = try archive.strings("buildings.id") }
            buildings.ys = try archive.doubles("buildings.y")
            buildings.units = try archive.int32s("buildings.units")
            buildings.nultredenAllowed = try archive.bytes("buildings.nultreden").map { $0 != 0 }
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
            let n = buildings.xs.count
            guard !buildingIDs || buildings.ids.count == n, [buildings.xs.count, buildings.ys.count, buildings.units.count, buildings.nultredenAllowed.count].allSatisfy({ $0 == n }),
                  [voorzieningen.names.count, voorzieningen.xs.count, voorzieningen.ys.count].allSatisfy({ $0 == voorzieningen.types.count }),
                  buurten.names.count == buurten.codes.count, buurten.geometries.count == buurten.codes.count else {
                throw GeoError.document(file: path, reason: "damaged index: its sections disagree on the number of features")
            }
            let data = DataSet(buildings: buildings, voorzieningen: voorzieningen, buurten: buurten, source: try archive.strings("source").first ?? path)
            if let requested, requested != stored {
                let result = try Analysis.run(data: data, options: AnalysisOptions(profile: requested, parallelism: parallelism, vlekkenkaart: false, clusterOutlines: false))
                return PreparedAnalysis(result: result)
            }
            let complete = try archive.bytes("results.complete").map { $0 != 0 }
            let qualifying = try archive.bytes("results.qualifying").map { $0 != 0 }
            let component = try archive.int32s("results.component")
            guard complete.count == n, qualifying.count == n, component.count == n,
                  zip(qualifying, component).allSatisfy({ $0 == ($1 >= 0) }) else {
                throw GeoError.document(file: path, reason: "damaged index: the stored results do not match the buildings")
            }
            let clusters = Clusters(buildings: buildings, componentOf: component, settings: stored.cluster)
            let qualifyingMembers = qualifying.indices.filter { qualifying[$0] }
            let clusteredCount = clusters.clusterOfBuilding.reduce(0) { $1 > 0 ? $0 + 1 : $0 }
            guard let grid = GridIndex(xs: qualifyingMembers.map { buildings.xs[$0] }, ys: qualifyingMembers.map { buildings.ys[$0] },
                                       storage: try archive.doubles("prepared.qualifying.grid"), try archive.int32s("prepared.qualifying.cellStart"),
                                       try archive.int32s("prepared.qualifying.order")),
                  let tree = KDTree(storage: try archive.doubles("prepared.clustered.x"), try archive.doubles("prepared.clustered.y"),
                                    try archive.int32s("prepared.clustered.original")),
                  tree.count == clusteredCount else {
                throw GeoError.document(file: path, reason: "damaged index: its search structures do not match the buildings")
            }
            return PreparedAnalysis(data: data, profile: stored, complete: complete, qualifying: qualifying, clusters: clusters,
                                    qualifyingGrid: grid, clusteredTree: tree)
        }
    }
}
