/// Fills a new, empty two-dimensional SQLite R-tree in one pass by writing its shadow tables
/// (`<name>_node`, `_rowid`, `_parent`) directly, as GDAL's bulk loader does: inserting
/// through the virtual table costs about 12 µs per entry (0.6 s for 50,000), this about
/// 0.1 µs plus the rows.
///
/// The tree is packed Sort-Tile-Recursive (Leutenegger et al. 1997): entries sorted into
/// vertical slices by the x of their centres, each slice by y, cut into full nodes; then the
/// same for the nodes, level by level, up to one root. Node 1 is the root, the others are
/// numbered level by level from the top. Ties are broken by id, so the same entries give
/// the same bytes.
///
/// The layout is SQLite's (ext/rtree/rtree.c): a node is a blob of the tree's node size
/// holding the tree depth (root only) and the cell count as big-endian 16-bit integers,
/// then cells of a big-endian 64-bit id (a row id in a leaf, a child node number above)
/// and minX, maxX, minY, maxY as big-endian 32-bit floats. `rtreecheck()` validates it.
enum RTreeBulkLoad {
    /// One entry of the tree: a row id and its box, rounded outward to 32-bit floats (as
    /// the R-tree module rounds what is inserted through it).
    struct Entry {
        let id: Int64
        let minX: Float, maxX: Float, minY: Float, maxY: Float

        init(id: Int64, minX: Float, maxX: Float, minY: Float, maxY: Float) {
            self.id = id
            (self.minX, self.maxX, self.minY, self.maxY) = (minX, maxX, minY, maxY)
        }

        init(id: Int64, envelope: GeoPackageEnvelope) {
            self.init(id: id, minX: Self.down(envelope.minX), maxX: Self.up(envelope.maxX),
                      minY: Self.down(envelope.minY), maxY: Self.up(envelope.maxY))
        }

        /// The box around `cells`, with id `id`.
        init(id: Int64, around cells: ArraySlice<Entry>) {
            var (minX, maxX, minY, maxY) = (Float.infinity, -Float.infinity, Float.infinity, -Float.infinity)
            for cell in cells {
                minX = min(minX, cell.minX)
                maxX = max(maxX, cell.maxX)
                minY = min(minY, cell.minY)
                maxY = max(maxY, cell.maxY)
            }
            self.init(id: id, minX: minX, maxX: maxX, minY: minY, maxY: maxY)
        }

        var centreX: Float { minX / 2 + maxX / 2 }
        var centreY: Float { minY / 2 + maxY / 2 }

        /// The largest float not above `value`, and the smallest not below.
        static func down(_ value: Double) -> Float { let f = Float(value); return Double(f) > value ? f.nextDown : f }
        static func up(_ value: Double) -> Float { let f = Float(value); return Double(f) < value ? f.nextUp : f }
    }

    /// Fills the R-tree virtual table `name`, just created in `database` and still empty.
    static func fill(_ name: String, with entries: [Entry], in database: SQLiteDatabase) throws {
        guard !entries.isEmpty else { return }
        let nodeTable = SQLiteDatabase.quoted(name + "_node")
        // The node size is fixed when the table is created (from the page size); the empty
        // root already has it.
        let size = try database.prepare("SELECT length(data) FROM \(nodeTable) WHERE nodeno = 1")
        guard try size.step(), size.int64(0) > 4 + 24 else {
            throw GeoError.io(path: database.path, reason: "SQLite: the R-tree \(name) has no usable root node")
        }
        let nodeSize = Int(size.int64(0)), capacity = (nodeSize - 4) / 24

        // levels[0] are the leaves; each level's nodes are ranges of its cells.
        var levels: [(cells: [Entry], nodes: [Range<Int>])] = []
        var cells = entries
        while true {
            let packed = pack(cells, capacity: capacity)
            levels.append(packed)
            if packed.nodes.count == 1 { break }
            cells = packed.nodes.enumerated().map { Entry(id: Int64($0.offset), around: packed.cells[$0.element]) }
        }
        // Node numbers, top down: the root is 1.
        var firstNumber = [Int](repeating: 0, count: levels.count)
        var next = 1
        for level in levels.indices.reversed() {
            firstNumber[level] = next
            next += levels[level].nodes.count
        }

        let writeNode = try database.prepare("INSERT OR REPLACE INTO \(nodeTable) (nodeno, data) VALUES (?, ?)")
        let writeParent = try database.prepare("INSERT INTO \(SQLiteDatabase.quoted(name + "_parent")) (nodeno, parentnode) VALUES (?, ?)")
        var leafOf: [(id: Int64, node: Int)] = []
        leafOf.reserveCapacity(entries.count)
        var data = [UInt8](repeating: 0, count: nodeSize)
        for level in levels.indices.reversed() {
            let (cells, nodes) = levels[level]
            for (k, node) in nodes.enumerated() {
                let number = firstNumber[level] + k
                for i in data.indices { data[i] = 0 }
                data.withUnsafeMutableBytes { raw in
                    // The depth is kept in the root only (leaves are depth 0).
                    if level == levels.count - 1 { raw.storeBytes(of: UInt16(level).bigEndian, toByteOffset: 0, as: UInt16.self) }
                    raw.storeBytes(of: UInt16(node.count).bigEndian, toByteOffset: 2, as: UInt16.self)
                    var offset = 4
                    for cell in cells[node] {
                        // Above the leaves a cell's id is its child's index in the level below.
                        let id = level == 0 ? cell.id : Int64(firstNumber[level - 1]) + cell.id
                        raw.storeBytes(of: UInt64(bitPattern: id).bigEndian, toByteOffset: offset, as: UInt64.self)
                        raw.storeBytes(of: cell.minX.bitPattern.bigEndian, toByteOffset: offset + 8, as: UInt32.self)
                        raw.storeBytes(of: cell.maxX.bitPattern.bigEndian, toByteOffset: offset + 12, as: UInt32.self)
                        raw.storeBytes(of: cell.minY.bitPattern.bigEndian, toByteOffset: offset + 16, as: UInt32.self)
                        raw.storeBytes(of: cell.maxY.bitPattern.bigEndian, toByteOffset: offset + 20, as: UInt32.self)
                        offset += 24
                    }
                }
                try writeNode.bind(1, Int64(number))
                try writeNode.bind(2, blob: data)
                _ = try writeNode.step()
                try writeNode.reset()
                if level == 0 {
                    for cell in cells[node] { leafOf.append((cell.id, number)) }
                } else {
                    for child in cells[node] {
                        try writeParent.bind(1, Int64(firstNumber[level - 1]) + child.id)
                        try writeParent.bind(2, Int64(number))
                        _ = try writeParent.step()
                        try writeParent.reset()
                    }
                }
            }
        }

        // Row ids in ascending order: appending to the table's B-tree is the cheapest insert.
        leafOf.sort { $0.id < $1.id }
        let writeRowID = try database.prepare("INSERT INTO \(SQLiteDatabase.quoted(name + "_rowid")) (rowid, nodeno) VALUES (?, ?)")
        for (id, node) in leafOf {
            try writeRowID.bind(1, id)
            try writeRowID.bind(2, Int64(node))
            _ = try writeRowID.step()
            try writeRowID.reset()
        }
    }

    /// One level of Sort-Tile-Recursive packing: the cells reordered, and the nodes as
    /// ranges of at most `capacity` of them.
    static func pack(_ entries: [Entry], capacity: Int) -> (cells: [Entry], nodes: [Range<Int>]) {
        let nodeCount = (entries.count + capacity - 1) / capacity
        var sliceCount = Int(Double(nodeCount).squareRoot())
        if sliceCount * sliceCount < nodeCount { sliceCount += 1 }
        let sliceSize = sliceCount * capacity
        var cells = entries.sorted { ($0.centreX, $0.id) < ($1.centreX, $1.id) }
        var nodes: [Range<Int>] = []
        nodes.reserveCapacity(nodeCount)
        for sliceStart in stride(from: 0, to: cells.count, by: sliceSize) {
            let slice = sliceStart..<min(sliceStart + sliceSize, cells.count)
            cells[slice].sort { ($0.centreY, $0.id) < ($1.centreY, $1.id) }
            for start in stride(from: slice.lowerBound, to: slice.upperBound, by: capacity) {
                nodes.append(start..<min(start + capacity, slice.upperBound))
            }
        }
        return (cells, nodes)
    }
}
