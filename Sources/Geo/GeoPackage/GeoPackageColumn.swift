/// One attribute column of a GeoPackage layer that `GeoPackageWriter` writes.
public struct GeoPackageColumn: Sendable, Equatable {
    /// The column's type, as GDAL and QGIS read it: INTEGER (64-bit integer), REAL, TEXT,
    /// BOOLEAN (0 or 1).
    public enum Kind: Sendable, Equatable {
        case integer, real, text, boolean

        var sqlType: String {
            switch self {
            case .integer: return "INTEGER"
            case .real: return "REAL"
            case .text: return "TEXT"
            case .boolean: return "BOOLEAN"
            }
        }
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

extension GeoPackageColumn {
    /// Binds `value` as this column's value to parameter `index`; false (and nothing bound)
    /// when the value does not fit the column's kind.
    ///
    /// `.missing` and numbers that are not finite are NULL. An integer fits a REAL column.
    /// A `.fixed` or `.trimmed` number is stored as the number its CSV text denotes, so a
    /// GeoPackage and a CSV of the same table agree to the last bit.
    func bind(_ value: OutputValue, to statement: SQLiteStatement, at index: Int32) throws -> Bool {
        switch (kind, value) {
        case (_, .missing):
            try statement.bindNull(index)
        case let (.integer, .integer(integer)):
            try statement.bind(index, Int64(integer))
        case let (.real, .integer(integer)):
            try statement.bind(index, Double(integer))
        case let (.real, .fixed(number, decimals)), let (.real, .trimmed(number, decimals)):
            if number.isFinite {
                try statement.bind(index, Self.rounded(number, decimals: decimals))
            } else {
                try statement.bindNull(index)
            }
        case let (.text, .string(text)):
            try statement.bind(index, text)
        case let (.boolean, .bool(flag)):
            try statement.bind(index, Int64(flag ? 1 : 0))
        default:
            return false
        }
        return true
    }

    /// A value as an error message names it.
    static func describe(_ value: OutputValue) -> String {
        switch value {
        case let .string(text): return "the text \"\(text)\""
        case let .integer(integer): return "the integer \(integer)"
        case let .fixed(number, _), let .trimmed(number, _): return "the number \(number)"
        case let .bool(flag): return "the boolean \(flag)"
        case .missing: return "a missing value"
        }
    }

    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { product, _ in product * 10 } }

    /// The number `ByteBuffer.appendDecimal(number, decimals:)` writes, exactly (without
    /// writing and parsing it): the text is the integer `scaled` with a decimal point, whose
    /// value `strtod` rounds correctly; `scaled` and 10^k are exact doubles and IEEE division
    /// rounds correctly, so `scaled / 10^k` is that same double. Numbers too large for that
    /// path are written in Swift's shortest form, which reads back as the number itself.
    /// Zero is never negative ("-0" is never written).
    static func rounded(_ number: Double, decimals: Int) -> Double {
        precondition((0...15).contains(decimals), "0 to 15 decimals")
        let scaled = (number * powersOfTen[decimals]).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 4.6e18 else { return number }
        let value = scaled / powersOfTen[decimals]
        return value == 0 ? 0 : value
    }
}
