/// A uniform grid over a fixed set of points, for radius and nearest-neighbour queries with
/// exact distances (`euclideanDistance`).
///
/// Points are bucketed into square cells stored in compressed-row form: `cellStart[c] ..<
/// cellStart[c + 1]` indexes `order`, which holds point indices sorted by cell (and by index
/// within a cell, so every query visits points in a deterministic order). Building is
/// O(n); a radius query visits the cells overlapping the query square; a nearest query
/// visits rings of cells outward until no closer point can exist.
///
/// The numbers are kept in `Column`s, so a grid stored in a `cirkel index` file is queried
/// in place, reading only the cells a query visits.
public struct GridIndex: Sendable {
    public let xs: Column<Double>
    public let ys: Column<Double>
    public let cellSize: Double
    let minX: Double
    let minY: Double
    let columns: Int
    let rows: Int
    let cellStart: Column<Int32>
    let order: Column<Int32>

    /// Indexes the points `(xs[i], ys[i])`. `cellSize` should be about the typical query
    /// radius; it is enlarged when the grid would otherwise have far more cells than points.
    public init(xs: [Double], ys: [Double], cellSize requestedCellSize: Double) {
        precondition(xs.count == ys.count, "xs and ys must have the same length")
        precondition(requestedCellSize > 0 && requestedCellSize.isFinite, "cell size must be positive")
        precondition(xs.count < Int(Int32.max), "too many points for a GridIndex")
        self.xs = Column(xs)
        self.ys = Column(ys)
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        if let firstX = xs.first, let firstY = ys.first {
            minX = firstX; maxX = firstX; minY = firstY; maxY = firstY
            for i in xs.indices {
                minX = min(minX, xs[i]); maxX = max(maxX, xs[i])
                minY = min(minY, ys[i]); maxY = max(maxY, ys[i])
            }
        }
        // At most about four cells per point (and at least a few thousand), so memory stays
        // proportional to the data however small the requested cells are.
        let maximumCells = Double(max(4 * xs.count, 4096))
        var cellSize = requestedCellSize
        while ((maxX - minX) / cellSize + 1) * ((maxY - minY) / cellSize + 1) > maximumCells {
            cellSize *= 2
        }
        let columns = Int((maxX - minX) / cellSize) + 1
        let rows = Int((maxY - minY) / cellSize) + 1
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        var cellOf = [Int32](repeating: 0, count: xs.count)
        for i in xs.indices {
            let cx = min(columns - 1, Int((xs[i] - minX) / cellSize))
            let cy = min(rows - 1, Int((ys[i] - minY) / cellSize))
            let cell = cy * columns + cx
            cellOf[i] = Int32(cell)
            counts[cell + 1] += 1
        }
        for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
        var next = counts
        var order = [Int32](repeating: 0, count: xs.count)
        for i in xs.indices {
            let cell = Int(cellOf[i])
            order[Int(next[cell])] = Int32(i)
            next[cell] += 1
        }
        self.cellSize = cellSize
        self.minX = minX
        self.minY = minY
        self.columns = columns
        self.rows = rows
        self.cellStart = Column(counts)
        self.order = Column(order)
    }

    public var count: Int { xs.count }

    /// The grid as stored: its geometry (cell size, origin, columns, rows), the cell table
    /// and the point order.
    public var storage: (geometry: [Double], cellStart: Column<Int32>, order: Column<Int32>) {
        ([cellSize, minX, minY, Double(columns), Double(rows)], cellStart, order)
    }

    /// A grid from the `storage` of an earlier one over the same points (no rebuilding, no
    /// pass over the points: a stored grid is queried where it lies). Checks the sizes and
    /// the geometry, nil when they do not fit; the contents are trusted as far as the
    /// archive's checksums vouch for them. A query never reads outside the columns: a forged
    /// index out of range stops the process (`Column`'s check) rather than read memory.
    public init?(xs: Column<Double>, ys: Column<Double>, storage geometry: [Double], _ cellStart: Column<Int32>, _ order: Column<Int32>) {
        guard xs.count == ys.count, geometry.count == 5, geometry[0] > 0, geometry[0].isFinite,
              geometry[1].isFinite, geometry[2].isFinite,
              let columns = Int(exactly: geometry[3]), let rows = Int(exactly: geometry[4]), columns >= 1, rows >= 1,
              columns <= Int(Int32.max), rows <= Int(Int32.max), columns.multipliedReportingOverflow(by: rows).overflow == false,
              cellStart.count == columns * rows + 1, order.count == xs.count else { return nil }
        self.xs = xs
        self.ys = ys
        self.cellSize = geometry[0]
        self.minX = geometry[1]
        self.minY = geometry[2]
        self.columns = columns
        self.rows = rows
        self.cellStart = cellStart
        self.order = order
    }

    /// The cell column/row of a coordinate, not clamped to the grid (may be negative).
    @inline(__always)
    private func cellCoordinate(_ value: Double, origin: Double) -> Int {
        // Clamp before converting so a far-away query cannot overflow Int.
        let c = ((value - origin) / cellSize).rounded(.down)
        return Int(max(-1e9, min(1e9, c)))
    }

    /// Calls `body(index)` for every point in the cells that overlap the rectangle: the
    /// candidates of both the radius and the rectangle query, which then test exactly.
    @inline(__always)
    private func forEachCandidate(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double, _ body: (Int) -> Void) {
        guard count > 0, minX <= maxX, minY <= maxY else { return }
        let loX = max(0, cellCoordinate(minX, origin: self.minX)), hiX = min(columns - 1, cellCoordinate(maxX, origin: self.minX))
        let loY = max(0, cellCoordinate(minY, origin: self.minY)), hiY = min(rows - 1, cellCoordinate(maxY, origin: self.minY))
        guard loX <= hiX, loY <= hiY else { return }
        for cy in loY...hiY {
            for cx in loX...hiX {
                let cell = cy * columns + cx
                // A loop, not a range: a damaged table (start after end) must not trap.
                var k = Int(cellStart[cell])
                let end = Int(cellStart[cell + 1])
                while k < end {
                    body(Int(order[k]))
                    k += 1
                }
            }
        }
    }

    /// Calls `body(index, distance)` for every point within `radius` (inclusive) of (x, y).
    public func forEach(within radius: Double, of x: Double, _ y: Double, _ body: (Int, Double) -> Void) {
        guard radius >= 0 else { return }
        forEachCandidate(x - radius, y - radius, x + radius, y + radius) { i in
            let d = euclideanDistance(x, y, xs[i], ys[i])
            if d <= radius { body(i, d) }
        }
    }

    /// The nearest point to (x, y) and its distance; ties go to the lowest index. Nil when
    /// the index is empty.
    public func nearest(to x: Double, _ y: Double) -> (index: Int, distance: Double)? {
        guard count > 0 else { return nil }
        let cx = cellCoordinate(x, origin: minX), cy = cellCoordinate(y, origin: minY)
        // Rings of cells around (cx, cy) at Chebyshev distance r; ring r is the first that
        // can touch the grid, and the last that can hold a point is the farthest grid corner.
        let outsideX = max(0, -cx, cx - (columns - 1)), outsideY = max(0, -cy, cy - (rows - 1))
        let firstRing = max(outsideX, outsideY)
        let lastRing = max(cx, columns - 1 - cx, cy, rows - 1 - cy)
        var bestIndex = -1
        var bestDistance = Double.infinity
        func visit(_ column: Int, _ row: Int) {
            guard column >= 0, column < columns, row >= 0, row < rows else { return }
            let cell = row * columns + column
            var k = Int(cellStart[cell]) - 1
            let end = Int(cellStart[cell + 1])
            while k + 1 < end {
                k += 1
                let i = Int(order[k])
                let d = euclideanDistance(x, y, xs[i], ys[i])
                // The first point visited is taken whatever its distance: a query so far away
                // that every distance overflows to infinity must still get a valid index.
                if bestIndex < 0 || d < bestDistance || (d == bestDistance && i < bestIndex) {
                    bestDistance = d
                    bestIndex = i
                }
            }
        }
        var r = firstRing
        while r <= lastRing {
            if r == 0 {
                visit(cx, cy)
            } else {
                // Only the part of the ring that overlaps the grid: for a query far outside,
                // the whole ring is millions of cells, nearly all of them off the grid.
                let loColumn = max(0, cx - r), hiColumn = min(columns - 1, cx + r)
                if loColumn <= hiColumn {
                    if cy - r >= 0, cy - r < rows { for column in loColumn...hiColumn { visit(column, cy - r) } }
                    if cy + r >= 0, cy + r < rows { for column in loColumn...hiColumn { visit(column, cy + r) } }
                }
                let loRow = max(0, cy - r + 1), hiRow = min(rows - 1, cy + r - 1)
                if loRow <= hiRow {
                    if cx - r >= 0, cx - r < columns { for row in loRow...hiRow { visit(cx - r, row) } }
                    if cx + r >= 0, cx + r < columns { for row in loRow...hiRow { visit(cx + r, row) } }
                }
            }
            // Any point in ring r + 1 or beyond is at least r cells away along one axis.
            // Ties at exactly that distance could still have a lower index, so stop only when
            // the best is strictly closer.
            if bestDistance < Double(r) * cellSize { break }
            r += 1
        }
        return (bestIndex, bestDistance)
    }

    /// Calls `body(i, j, distance)` once for every pair i < j within `radius` (inclusive).
    public func forEachPair(within radius: Double, _ body: (Int, Int, Double) -> Void) {
        for i in 0..<count {
            forEach(within: radius, of: xs[i], ys[i]) { j, d in
                if j > i { body(i, j, d) }
            }
        }
    }

    /// Calls `body(index)` for every point inside the rectangle (bounds included).
    public func forEach(inRectangle minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double, _ body: (Int) -> Void) {
        forEachCandidate(minX, minY, maxX, maxY) { i in
            if xs[i] >= minX, xs[i] <= maxX, ys[i] >= minY, ys[i] <= maxY { body(i) }
        }
    }
}
