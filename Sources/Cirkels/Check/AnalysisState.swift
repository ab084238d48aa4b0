/// The data set and every per-building result of an analysis for one profile: what a
/// what-if plan is applied to and what a `cirkel index` file stores.
public struct AnalysisState: Sendable {
    public let data: DataSet
    /// Per building (data order).
    public let complete: [Bool]
    public let qualifying: [Bool]
    public let clusters: Clusters

    public init(data: DataSet, complete: [Bool], qualifying: [Bool], clusters: Clusters) {
        precondition(complete.count == data.buildings.count && qualifying.count == data.buildings.count)
        self.data = data
        self.complete = complete
        self.qualifying = qualifying
        self.clusters = clusters
    }

    public init(result: AnalysisResult) {
        self.init(data: result.data, complete: result.reach.complete, qualifying: result.reach.qualifying, clusters: result.clusters)
    }
}
