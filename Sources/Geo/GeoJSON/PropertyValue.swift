/// The value of one feature property, as far as cirkel needs to know it.
public enum PropertyValue: Equatable, Sendable {
    /// The feature has no such property.
    case absent
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// An object or array (kept only as a fact: cirkel reads no nested properties).
    case compound

    /// A short description for error messages ("the string \"x\"", "a number 3.5").
    public var description: String {
        switch self {
        case .absent: return "absent"
        case .null: return "null"
        case let .bool(b): return "the boolean \(b)"
        case let .number(n): return "the number \(n)"
        case let .string(s): return "the string \"\(s)\""
        case .compound: return "an object or array"
        }
    }

    /// The value as text, for identifiers and names: strings as they are, integral numbers
    /// without a decimal point; nil when absent or null.
    public var text: String? {
        switch self {
        case let .string(s): return s
        case let .number(n):
            if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
            return String(n)
        case let .bool(b): return String(b)
        case .absent, .null, .compound: return nil
        }
    }
}
