/// The voorzieningen that satisfy one criterion, with a grid index over their locations.
public struct CriterionIndex: Sendable {
    public let criterion: Criterion
    /// Indices into `Voorzieningen` of the members.
    public let members: [Int]
    public let grid: GridIndex

    public init(criterion: Criterion, voorzieningen: Voorzieningen) {
        self.criterion = criterion
        let members = voorzieningen.types.indices.filter { criterion.types.contains(voorzieningen.types[$0]) }
        self.members = members
        grid = GridIndex(xs: members.map { voorzieningen.xs[$0] }, ys: members.map { voorzieningen.ys[$0] },
                         cellSize: criterion.radius)
    }

    /// `d_c(p)` (SPEC §3) and the voorziening that realises it (index into Voorzieningen);
    /// infinite and nil when there is none.
    public func nearest(to x: Double, _ y: Double) -> (distance: Double, voorziening: Int?) {
        guard let (k, d) = grid.nearest(to: x, y) else { return (.infinity, nil) }
        return (d, members[k])
    }
}
