/// The voorzieningen that satisfy one criterion, with a KD-tree over their locations (they
/// cluster in town centres, which a KD-tree handles and a uniform grid does not).
public struct CriterionIndex: Sendable {
    public let criterion: Criterion
    /// Indices into `Voorzieningen` of the members (tree point k is voorziening `members[k]`).
    public let members: Column<Int32>
    public let tree: KDTree

    /// The index of every criterion of `profile`, in profile order. Groups the voorzieningen
    /// by type once, so a type string is hashed once, not once per criterion.
    public static func all(for profile: Profile, voorzieningen: Voorzieningen) -> [CriterionIndex] {
        all(for: profile.criteria, voorzieningen: voorzieningen)
    }

    /// The index of each of `criteria`, in order.
    public static func all(for criteria: [Criterion], voorzieningen: Voorzieningen) -> [CriterionIndex] {
        var byType: [String: [Int]] = [:]
        for (k, type) in voorzieningen.types.enumerated() { byType[type, default: []].append(k) }
        return criteria.map { criterion in
            let members = criterion.types.flatMap { byType[$0] ?? [] }.sorted()
            return CriterionIndex(criterion: criterion, members: members, voorzieningen: voorzieningen)
        }
    }

    private init(criterion: Criterion, members: [Int], voorzieningen: Voorzieningen) {
        self.criterion = criterion
        self.members = Column(members.map { Int32($0) })
        tree = KDTree(xs: members.map { voorzieningen.xs[$0] }, ys: members.map { voorzieningen.ys[$0] })
    }

    /// An index stored earlier (`members`, `tree`), nil when their sizes disagree.
    public init?(criterion: Criterion, members: Column<Int32>, tree: KDTree) {
        guard members.count == tree.count else { return nil }
        self.criterion = criterion
        self.members = members
        self.tree = tree
    }

    /// `d_c(p)` (SPEC §3) and the voorziening that realises it (index into Voorzieningen);
    /// infinite and nil when there is none.
    public func nearest(to x: Double, _ y: Double) -> (distance: Double, voorziening: Int?) {
        guard let (k, d) = tree.nearest(to: x, y) else { return (.infinity, nil) }
        return (d, Int(members[k]))
    }
}
