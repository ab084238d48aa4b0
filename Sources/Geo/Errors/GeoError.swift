/// The one error type of the `Geo` module. Every case carries what a user needs to find the
/// problem: the file, and where it applies the feature index (0-based, in file order) or the
/// line and column.
public enum GeoError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file is not valid JSON at this place (line and column are 1-based).
    case syntax(file: String, line: Int, column: Int, reason: String)
    /// The file is valid JSON but not a usable GeoJSON document.
    case document(file: String, reason: String)
    /// One feature of the file is unusable.
    case feature(file: String, index: Int, reason: String)
    /// GEOS reported a failure (its own message is kept).
    case geos(operation: String, message: String)
    /// PROJ reported a failure (its own message is kept).
    case proj(operation: String, message: String)

    public var description: String {
        switch self {
        case let .io(path, reason): return "\(path): \(reason)"
        case let .syntax(file, line, column, reason): return "\(file):\(line):\(column): invalid JSON: \(reason)"
        case let .document(file, reason): return "\(file): \(reason)"
        case let .feature(file, index, reason): return "\(file): feature \(index): \(reason)"
        case let .geos(operation, message): return "GEOS \(operation) failed: \(message)"
        case let .proj(operation, message): return "PROJ \(operation) failed: \(message)"
        }
    }
}
