/// The voorzieningen that satisfy one criterion, with a KD-tree over their locations (they
/// cluster in town centres, which a KD-tree handles and a uniform grid does not).
public struct CriterionIndex: Sendable {
    public let criterion: Criterion
    /// Indices into `Voorzieningen` of the members.
    public let members: [Int]
    public let tree: KDTree

    public init(criterion: Criterion, voorzieningen: Voorzieningen) {
        self.criterion = criterion
        let members = voorzieningen.types.indices.filter { criterion.types.contains(voorzieningen.types[$0]) }
        self.members = members
        tree = KDTree(xs: members.map { voorzieningen.xs[$0] }, ys: members.map { voorzieningen.ys[$0] })
    }

    /// `d_c(p)` (SPEC §3) and the voorziening that realises it (index into Voorzieningen);
    /// infinite and nil when there is none.
    public func nearest(to x: Double, _ y: Double) -> (distance: Double, voorziening: Int?) {
        guard let (k, d) = tree.nearest(to: x, y) else { return (.infinity, nil) }
        return (d, members[k])
    }
}
