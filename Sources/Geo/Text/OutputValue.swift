/// One value of an output table or feature property, with the precision it is written with.
/// Writing goes through `ByteBuffer`, so the same value is the same bytes on every run.
public enum OutputValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    /// A number with a fixed number of decimals ("12.50").
    case fixed(Double, decimals: Int)
    /// A number with at most this many decimals, trailing zeros removed ("2.5", "3").
    case trimmed(Double, decimals: Int)
    case bool(Bool)
    /// No value (empty in CSV, null in JSON).
    case missing

    /// A distance or other finite-or-infinite number: missing when not finite.
    public static func fixedOrMissing(_ value: Double, decimals: Int) -> OutputValue {
        value.isFinite ? .fixed(value, decimals: decimals) : .missing
    }
}
