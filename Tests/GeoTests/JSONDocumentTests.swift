import Foundation
import Testing
@testable import Geo

@Suite struct JSONDocumentTests {
    @Test func indentedSerialisationByHand() {
        let document = JSONDocument.object([
            ("name", .value(.string("basis"))),
            ("radii", .array([.value(.integer(250)), .value(.trimmed(500.5, decimals: 1))])),
            ("empty", .array([])),
            ("none", .object([])),
            ("flag", .value(.bool(false))),
        ])
        let expected = """
        {
          "name": "basis",
          "radii": [
            250,
            500.5
          ],
          "empty": [],
          "none": {},
          "flag": false
        }

        """
        #expect(String(decoding: document.serialized(), as: UTF8.self) == expected)
        var compact = ByteBuffer()
        document.writeCompact(to: &compact)
        #expect(String(decoding: compact.bytes, as: UTF8.self) == #"{"name":"basis","radii":[250,500.5],"empty":[],"none":{},"flag":false}"#)
    }

    @Test func serialisationParsesWithJSONSerialization() throws {
        let document = JSONDocument.object([
            ("a\"b", .object([("nested", .array([.value(.missing), .value(.fixed(1, decimals: 3))]))])),
        ])
        let object = try #require(JSONSerialization.jsonObject(with: Data(document.serialized())) as? [String: Any])
        let nested = try #require((object["a\"b"] as? [String: Any])?["nested"] as? [Any])
        #expect(nested.count == 2 && nested[0] is NSNull && (nested[1] as? Double) == 1)
    }
}
