import Foundation

/// Turns the vocabulary of another source into voorziening types: each rule says that a row
/// whose `column` holds `value` is a voorziening of `type`. A row can match several rules
/// (a gezondheidscentrum tagged as doctors and pharmacy) and then counts once per distinct
/// type; a row that matches none is not a voorziening and is left out (and counted).
///
/// In a manifest or mapping file a rule is written `"column=value" = "type"`; a key without
/// `=` means a value of the source's type column. Values are compared trimmed and
/// lower-cased.
public struct VoorzieningMapping: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        /// nil: the type column.
        public let column: String?
        public let value: String
        public let type: String
    }

    public let name: String
    public let rules: [Rule]

    /// OpenStreetMap tags, as the issue and SOURCES.md's Amsterdam extract map them.
    public static let osm = VoorzieningMapping(name: "osm", rules: [
        Rule(column: "amenity", value: "doctors", type: "huisarts"),
        Rule(column: "healthcare", value: "doctor", type: "huisarts"),
        Rule(column: "amenity", value: "pharmacy", type: "apotheek"),
        Rule(column: "healthcare", value: "pharmacy", type: "apotheek"),
        Rule(column: "shop", value: "supermarket", type: "supermarkt"),
        Rule(column: "amenity", value: "community_centre", type: "ontmoetingsruimte"),
        Rule(column: "amenity", value: "social_centre", type: "ontmoetingsruimte"),
        Rule(column: "amenity", value: "nursing_home", type: "zorgcentrum"),
        Rule(column: "social_facility", value: "nursing_home", type: "zorgcentrum"),
    ])

    public static let builtIn = [osm]

    /// The columns the rules read (besides the type column).
    public var columns: [String] { Array(Set(rules.compactMap(\.column))).sorted() }

    /// The distinct types of a row, in rule order; `value(column)` gives a column's text.
    func types(_ value: (String?) -> String?) -> [String] {
        var found: [String] = []
        for rule in rules {
            guard let text = value(rule.column), Criterion.normalisedType(text) == rule.value else { continue }
            if !found.contains(rule.type) { found.append(rule.type) }
        }
        return found
    }

    /// Parses `"column=value" = "type"` pairs.
    static func parse(_ pairs: [(String, String)], name: String, fail: (String) -> CirkelError) throws -> VoorzieningMapping {
        var rules: [Rule] = []
        for (key, type) in pairs {
            let target = Criterion.normalisedType(type)
            guard !target.isEmpty else { throw fail("\"\(key)\" maps to an empty type") }
            if let equals = key.firstIndex(of: "=") {
                let column = key[..<equals].trimmingCharacters(in: .whitespaces)
                let value = Criterion.normalisedType(String(key[key.index(after: equals)...]))
                guard !column.isEmpty, !value.isEmpty else { throw fail("\"\(key)\" must read column=value") }
                rules.append(Rule(column: column, value: value, type: target))
            } else {
                rules.append(Rule(column: nil, value: Criterion.normalisedType(key), type: target))
            }
        }
        guard !rules.isEmpty else { throw fail("the mapping has no rules") }
        return VoorzieningMapping(name: name, rules: rules)
    }

    /// The `mapping` of a manifest's voorzieningen table: a built-in name, a TOML/JSON file
    /// of pairs (relative to the manifest), or an inline table; nil when there is none.
    static func load(from table: inout ManifestTable, resolve: (String) -> String) throws -> VoorzieningMapping? {
        if table.values["mapping"] is [String: Any], let inline = try table.optionalTable("mapping") {
            return try parse(try inline.stringPairs(), name: "\(table.place).mapping", fail: inline.fail)
        }
        guard let name = try table.optionalString("mapping") else { return nil }
        if let builtIn = builtIn.first(where: { $0.name == name }) { return builtIn }
        let path = resolve(name)
        guard FileManager.default.fileExists(atPath: path) else {
            throw table.fail("\"mapping\" = \"\(name)\" is neither a built-in mapping (\(builtIn.map(\.name).joined(separator: ", "))) nor a file (\(path))")
        }
        let file = try ManifestTable.load(path: path, what: "mapping file")
        return try parse(try file.stringPairs(), name: path, fail: file.fail)
    }
}
