/// An ordered JSON document for output (object members keep the order they are given in),
/// written with two-space indentation so that the same document is the same bytes.
public indirect enum JSONDocument: Sendable {
    case value(OutputValue)
    case array([JSONDocument])
    case object([(String, JSONDocument)])

    public func serialized() -> [UInt8] {
        var buffer = ByteBuffer()
        write(to: &buffer, indent: 0)
        buffer.append(0x0A)
        return buffer.bytes
    }

    public func write(to buffer: inout ByteBuffer, indent: Int) {
        func newline(_ level: Int) {
            buffer.append(0x0A)
            for _ in 0..<(2 * level) { buffer.append(UInt8(ascii: " ")) }
        }
        switch self {
        case let .value(v):
            buffer.appendJSON(v)
        case let .array(items):
            if items.isEmpty { buffer.append("[]" as StaticString); return }
            buffer.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                item.write(to: &buffer, indent: indent + 1)
            }
            newline(indent)
            buffer.append(UInt8(ascii: "]"))
        case let .object(members):
            if members.isEmpty { buffer.append("{}" as StaticString); return }
            buffer.append(UInt8(ascii: "{"))
            for (k, (key, item)) in members.enumerated() {
                if k > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                buffer.appendJSONString(key)
                buffer.append(": " as StaticString)
                item.write(to: &buffer, indent: indent + 1)
            }
            newline(indent)
            buffer.append(UInt8(ascii: "}"))
        }
    }
}
