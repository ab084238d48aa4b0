import Foundation
import TOMLKit

/// TOML files (profiles, manifests, mappings) are converted to JSON and read by the same code
/// that reads the JSON form, so both formats share one schema.
enum TOMLConversion {
    /// `text` as JSON data; a TOML syntax error becomes `fail(reason)` with line and column.
    static func json(_ text: String, fail: (String) -> CirkelError) throws -> Data {
        do {
            // toml++ aborts the process on some malformed texts: it only gets well-formed ones.
            try TOMLSyntax.check(text)
            // TOMLDecoder will not read a TOML integer into a Double; JSON has one number type.
            return Data(try TOMLTable(string: text).convert(to: .json).utf8)
        } catch let problem as TOMLSyntax.Problem {
            throw fail("invalid TOML at line \(problem.line), column \(problem.column): \(problem.reason)")
        } catch let error as TOMLParseError {
            throw fail("invalid TOML at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        } catch {
            throw fail("invalid TOML: \(error)")
        }
    }
}
