@_exported import Geo

/// The one error type of the `Cirkels` module: each case names the file (and where it
/// applies the feature) and the reason, in words a user can act on.
public enum CirkelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A problem reading or writing geometry, passed on from `Geo`.
    case geo(GeoError)
    /// A feature whose properties break SPEC §1.
    case invalidFeature(file: String, index: Int, reason: String)
    /// A data-set folder without a required file.
    case missingFile(path: String, reason: String)
    /// A profile that cannot be used.
    case invalidProfile(source: String, reason: String)
    /// A data-set manifest (or a mapping file it names) that cannot be used.
    case invalidManifest(source: String, reason: String)
    /// A command-line request that cannot be met.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case let .geo(error): return error.description
        case let .invalidFeature(file, index, reason): return "\(file): feature \(index): \(reason)"
        case let .missingFile(path, reason): return "\(path): \(reason)"
        case let .invalidProfile(source, reason): return "profile \(source): \(reason)"
        case let .invalidManifest(source, reason): return "manifest \(source): \(reason)"
        case let .invalidRequest(reason): return reason
        }
    }
}

/// Runs `body`, turning a `GeoError` into `CirkelError.geo`, so callers see one error type.
@inline(__always)
func wrappingGeoErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GeoError {
        throw CirkelError.geo(error)
    }
}
