/// The names of the files an analysis writes (SPEC §7).
public enum OutputFiles {
    public static let buildings = "buildings.csv"
    public static let coverage = "coverage.csv"
    public static let coverageJSON = "coverage.json"
    public static let sensitivity = "sensitivity.csv"
    public static let clusters = "clusters.geojson"
    public static let clustersTable = "clusters.csv"
    public static let vlekkenkaart = "vlekkenkaart.geojson"
    public static let buurten = "buurten.geojson"
    public static let profile = "profile.json"
    /// With a what-if plan: what the plan changes.
    public static let whatIf = "what-if.json"

    /// With --gpkg: the map layers as one GeoPackage.
    public static let geoPackage = "cirkel.gpkg"

    /// Every file `cirkel analyse` may write.
    public static let analyse = Set(order + [geoPackage])

    /// The order files are listed (and written) in.
    public static let order = [buildings, coverage, coverageJSON, sensitivity, clusters, clustersTable, profile,
                               vlekkenkaart, buurten, whatIf]
}
