/// The area where RD New coordinates are meaningful (SPEC §1): x in [-7000, 300000],
/// y in [289000, 629000] metres. Anything outside is a mistake in the input, typically
/// swapped longitude and latitude, or RD numbers in a file without a `crs` member.
public enum RDNewDomain {
    public static let xRange: ClosedRange<Double> = -7_000...300_000
    public static let yRange: ClosedRange<Double> = 289_000...629_000

    /// The origin of RD New (x 155000, y 463000: the Onze Lieve Vrouwetoren in Amersfoort)
    /// in WGS84 degrees, per RDNAPTRANS: a point inside the area of use of every WGS84 → RD
    /// New operation.
    public static let originLongitude = 5.38720621
    public static let originLatitude = 52.15517440

    public static func contains(x: Double, y: Double) -> Bool {
        xRange.contains(x) && yRange.contains(y)
    }

    /// A hint for a coordinate outside the domain, in the terms of the input it came from.
    public static func hint(originalX x: Double, originalY y: Double, declared: CoordinateReferenceSystem) -> String {
        switch declared {
        case .wgs84:
            if (50.5...53.8).contains(x) && (3.0...7.5).contains(y) {
                return "it looks like latitude, longitude; GeoJSON wants longitude first"
            }
            if abs(x) > 180 || abs(y) > 90 {
                return "these are not degrees; RD New metres need the \"crs\" member naming EPSG:28992"
            }
            return "the location is not in the Netherlands"
        case .rdNew:
            if abs(x) <= 180 && abs(y) <= 90 {
                return "these look like degrees, but the file declares EPSG:28992"
            }
            return "the location is outside the RD New domain"
        }
    }
}
