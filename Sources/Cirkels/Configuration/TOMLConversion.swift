import Foundation
import TOMLKit

/// TOML files (profiles, manifests, mappings) are converted to JSON and read by the same code
/// that reads the JSON form, so both formats share one schema.
enum TOMLConversion {
    /// `text` as JSON data; a TOML syntax error becomes `fail(reason)` with line and column.
    static func json(_ text: String, fail: (String) -> CirkelError) throws -> Data {
        do {
            // TOMLDecoder will not read a TOML integer into a Double; JSON has one number type.
            return Data(try TOMLTable(string: text).convert(to: .json).utf8)
        } catch let error as TOMLParseError {
            throw fail("invalid TOML at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        } catch {
            throw fail("invalid TOML: \(error)")
        }
    }
}
