import Foundation
import Testing
@testable import Cirkels

/// Inputs with which the fuzz targets (Fuzz/, scripts/fuzz.sh) made a reader crash, read
/// again exactly as found: each must now be refused with the reader's own error naming the
/// file and the reason. All of them aborted the process inside toml++ 3.4.0 (TOMLKit 0.6.0),
/// whose assertions fail on some malformed TOML; `TOMLSyntax` now checks the text first.
@Suite struct FuzzRegressionTests {
    static func profile(_ bytes: Data) -> CirkelError? {
        do {
            _ = try ProfileLoader.parse(bytes, source: "p.toml", isTOML: true)
            return nil
        } catch {
            return error as? CirkelError
        }
    }

    static func manifest(_ bytes: Data) throws -> CirkelError? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cirkel-fuzz-regression-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("manifest.toml").path
        try bytes.write(to: URL(fileURLWithPath: path))
        do {
            _ = try Manifest.load(path: path)
            return nil
        } catch let error as CirkelError {
            guard case let .invalidManifest(source, reason) = error, source == path else { return error }
            return .invalidManifest(source: "manifest.toml", reason: reason) // the folder varies
        }
    }

    /// FuzzProfile: the built-in profile's file with its first '{' typed as '[': a table
    /// header without a key (toml++ asserted in parse_key).
    @Test func profileWithAKeylessTableHeader() {
        var text = ProfileLoader.document(for: BuiltInProfiles.woonzorgcirkel).serialized()
        #expect(text.first == UInt8(ascii: "{"))
        text[0] = UInt8(ascii: "[")
        #expect(Self.profile(Data(text)) == .invalidProfile(source: "p.toml",
            reason: "invalid TOML at line 1, column 2: expected a key (a name or a quoted string), found the end of the line"))
    }

    /// FuzzManifest: `[[[` (toml++ asserted in parse_key).
    @Test func manifestWithATripleBracketHeader() throws {
        let found = Data(base64Encoded: "W1tbY3JpdGVyaWFdXWJ1aWxkaS5nc10KZm9yPSAiYi5nZW9qc29uIgpmcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxcXFxaWVsID0gIngiCg==")!
        #expect(try Self.manifest(found) == .invalidManifest(source: "manifest.toml",
            reason: "invalid TOML at line 1, column 3: expected a key (a name or a quoted string), found '['"))
    }

    /// FuzzProfile and FuzzManifest: a date whose time is not digits, `1979-05-27T:32`
    /// (toml++ asserted in parse_time).
    @Test func datesWithoutATime() throws {
        let date = "a date or time; no setting in cirkel's files is one (they are text in quotes, numbers, true or false)"
        let profile = Data(base64Encoded: "bmFtZSA9MTk3OS0wNS0yN1Q6MzI6NwA4B1o9MjAoAAAAAAAAAGgtMg==")!
        #expect(Self.profile(profile) == .invalidProfile(source: "p.toml", reason: "invalid TOML at line 1, column 7: \(date)"))
        let manifest = Data(base64Encoded: "IyB0aGUgdGVzdCBkYXRhIHNldGVuYnV1cnRlbi5ncGtnIgpsYXllciA9IDg4MDAtMDUtMjZUOjMyOjAwWiJidWdzXQpmb3JtYXQgaGVpaWwKW2J1dXJ0ZW5dCmYiCnM=")!
        #expect(try Self.manifest(manifest) == .invalidManifest(source: "manifest.toml", reason: "invalid TOML at line 2, column 9: \(date)"))
    }

    /// FuzzProfile: a '}' in a list, `[}` (toml++ asserted in parse_value).
    @Test func closingBraceInAList() {
        let found = Data(base64Encoded: "bmFtZSA9IFt9YQ==")!
        #expect(Self.profile(found) == .invalidProfile(source: "p.toml",
            reason: "invalid TOML at line 1, column 9: expected a value (text in quotes, a number, true, false, '[' or '{'), found '}'"))
    }

    /// Malformed TOML is refused where it goes wrong.
    @Test(arguments: [
        ("[[[a]]]", 1, 3, "expected a key"),
        ("[[=", 1, 3, "expected a key"),
        ("a = 1\n  [ !x]\n", 2, 5, "expected a key"),
        ("[ [a]]", 1, 3, "expected a key"),
        ("[[a] ]", 1, 5, "expected ']]'"),
        ("a = [1,,2]", 1, 8, "expected a value"),
        ("a = [1 2]", 1, 8, "expected ',' or ']'"),
        ("a = {b = 1,}", 1, 12, "expected a key"),
        ("a = {b = 1\n}", 1, 11, "expected ',' or '}'"),
        ("a = 07", 1, 6, "leading zero"),
        ("a = 1__0", 1, 6, "underscore"),
        ("a = 1.", 1, 7, "after the decimal point"),
        ("a = 0x", 1, 7, "after 0x"),
        ("a = 1979-05-27", 1, 5, "a date or time"),
        ("a = 0x_1", 1, 7, "after 0x"),
        ("a = 07:32:00", 1, 5, "a date or time"),
        ("a = \"b\nc\"", 1, 5, "not closed on its line"),
        ("a = \"\\q\"", 1, 6, "invalid escape"),
        ("a = \"\\uD800\"", 1, 6, "not a character"),
        ("a = \"\u{1}\"", 1, 6, "control character"),
        ("a = \"\"\"\nb", 1, 5, "never closed"),
        ("a = '''x''''''", 1, 15, "more than five quotes"),
        ("a = true # x\u{7F}", 1, 13, "control character"),
        ("a = truex", 1, 9, "end of the line"),
        ("a = 1\rb = 2", 1, 6, "carriage return"),
        ("\"\"\"a\"\"\" = 1", 1, 1, "multi-line"),
        ("a = " + String(repeating: "[", count: 200), 1, 105, "nested deeper"),
    ])
    func malformedTOMLIsRefused(text: String, line: Int, column: Int, reason: String) {
        do {
            try TOMLSyntax.check(text)
            Issue.record("no problem found in \(text)")
        } catch let problem as TOMLSyntax.Problem {
            #expect(problem.line == line && problem.column == column && problem.reason.contains(reason), "\(problem)")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Well-formed TOML is left to toml++, whatever brackets, quotes and comments it holds.
    @Test(arguments: [
        "name = \"\"\"\n[!]\n[[[\n\"\"\"\n[cluster]\nlink = 3\n",
        "name = '''\n[{\n'''\n",
        "a = [\n[[[1]]],\n[{b = 2}],\n[ # [[[\n'[',\n]\n]\n[[criteria]]\nname = \"x\"\n",
        "\"[[[\" = 1\n['a\"[' . \"b\"]\nc = \"\\\"[[[\"\n[ \"x\" ]\n",
        "d = \"\"\"a\\\n   \n [[[\"\"\"\"\"\n[ t ]\n",
        "\u{FEFF}# c\r\n a . b = -0.5e+3_0 # c\r\nc = [ +inf, -nan, 0x1_f ]\n",
        "a = [0xDEAD_beef, 0o17, 0b1_0, 1_000, +1, -0, 1e5, 1E-5, 3.14, \"\\u00e9\\U0001F600\", '\\no', true, false, { }, {x = [ 1, ], y.z = 'w'}]\n",
        "",
        "x=1",
    ])
    func wellFormedTOMLIsRead(text: String) {
        do {
            try TOMLSyntax.check(text)
        } catch {
            Issue.record("\(error) in \(text)")
        }
        let converted = Result { try TOMLConversion.json(text) { .invalidProfile(source: "t.toml", reason: $0) } }
        if case let .failure(error) = converted { Issue.record("\(error)") }
    }
}
