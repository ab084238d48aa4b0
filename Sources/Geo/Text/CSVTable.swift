/// A CSV table (RFC 4180): a header row, then rows of values, `\n` line ends. Strings are
/// quoted only when they hold a comma, quote or line break; missing values are empty.
public struct CSVTable: Sendable {
    public let columns: [String]
    private var buffer = ByteBuffer()
    public private(set) var rowCount = 0

    public init(columns: [String]) {
        self.columns = columns
        for (k, name) in columns.enumerated() {
            if k > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.appendCSVField(name)
        }
        buffer.append(0x0A)
    }

    public mutating func appendRow(_ values: [OutputValue]) {
        precondition(values.count == columns.count, "row has \(values.count) values for \(columns.count) columns")
        for (k, value) in values.enumerated() {
            if k > 0 { buffer.append(UInt8(ascii: ",")) }
            switch value {
            case let .string(s): buffer.appendCSVField(s)
            case let .integer(i): buffer.appendInteger(i)
            case let .fixed(d, decimals): if d.isFinite { buffer.appendDecimal(d, decimals: decimals) }
            case let .trimmed(d, decimals): if d.isFinite { buffer.appendDecimal(d, decimals: decimals, trim: true) }
            case let .bool(b): buffer.append(b ? "true" as StaticString : "false" as StaticString)
            case .missing: break
            }
        }
        buffer.append(0x0A)
        rowCount += 1
    }

    public var bytes: [UInt8] { buffer.bytes }
}
