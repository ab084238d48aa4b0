import Foundation

/// One table of a manifest (or a mapping file) as read from TOML or JSON, with typed access
/// that names the file and the table in every error, and a check that no key was left
/// unread (a misspelt key is an error, not a silently ignored setting).
struct ManifestTable {
    let values: [String: Any]
    /// Where it is, for errors: "[buildings]", "[[voorzieningen]] 2".
    let place: String
    let source: String
    private var used = Set<String>()

    init(_ values: [String: Any], place: String, source: String) {
        self.values = values
        self.place = place
        self.source = source
    }

    /// Reads a TOML (`.toml`) or JSON file into its top-level table.
    static func load(path: String, what: String) throws -> ManifestTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CirkelError.missingFile(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot read the \(what)" : "no such \(what)")
        }
        let json: Data
        if path.lowercased().hasSuffix(".toml") {
            guard let text = String(data: data, encoding: .utf8) else {
                throw CirkelError.invalidManifest(source: path, reason: "not UTF-8 text")
            }
            json = try TOMLConversion.json(text) { .invalidManifest(source: path, reason: $0) }
        } else {
            json = data
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw CirkelError.invalidManifest(source: path, reason: "invalid JSON (\(error.localizedDescription))")
        }
        guard let table = object as? [String: Any] else {
            throw CirkelError.invalidManifest(source: path, reason: "the top level must be a table (a JSON object)")
        }
        return ManifestTable(table, place: "the top level", source: path)
    }

    func fail(_ reason: String) -> CirkelError {
        .invalidManifest(source: source, reason: "\(place): \(reason)")
    }

    mutating func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw fail("missing \"\(key)\"") }
        return value
    }

    mutating func optionalString(_ key: String) throws -> String? {
        used.insert(key)
        guard let raw = values[key] else { return nil }
        guard let text = raw as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail("\"\(key)\" must be a non-empty string")
        }
        return text
    }

    mutating func optionalNumber(_ key: String) throws -> Double? {
        used.insert(key)
        guard let raw = values[key] else { return nil }
        guard let number = raw as? NSNumber else {
            throw fail("\"\(key)\" must be a number")
        }
        return number.doubleValue
    }

    mutating func optionalStrings(_ key: String) throws -> [String]? {
        used.insert(key)
        guard let raw = values[key] else { return nil }
        guard let list = raw as? [Any], let strings = list as? [String] else {
            throw fail("\"\(key)\" must be a list of strings")
        }
        return strings
    }

    /// A sub-table, or nil when absent.
    mutating func optionalTable(_ key: String) throws -> ManifestTable? {
        used.insert(key)
        guard let raw = values[key] else { return nil }
        guard let table = raw as? [String: Any] else { throw fail("\"\(key)\" must be a table") }
        // "[buildings]" at the top; "[buurten.nabijheid]" below a table.
        let inner = place.hasPrefix("[") && !place.hasPrefix("[[") ? String(place.dropFirst().dropLast()) + "." : ""
        return ManifestTable(table, place: "[\(inner)\(key)]", source: source)
    }

    /// A list of tables (`[[name]]` in TOML), or nil when absent. A single table is taken as
    /// a list of one.
    mutating func optionalTables(_ key: String) throws -> [ManifestTable]? {
        used.insert(key)
        guard let raw = values[key] else { return nil }
        if let one = raw as? [String: Any] { return [ManifestTable(one, place: "[\(key)]", source: source)] }
        guard let list = raw as? [Any], let tables = list as? [[String: Any]] else {
            throw fail("\"\(key)\" must be a list of tables ([[\(key)]] in TOML)")
        }
        return tables.enumerated().map { ManifestTable($1, place: "[[\(key)]] \($0 + 1)", source: source) }
    }

    /// Every key with a string value, for free-form tables (mappings).
    func stringPairs() throws -> [(String, String)] {
        try values.keys.sorted().map { key in
            guard let value = values[key] as? String else { throw fail("\"\(key)\" must map to a string") }
            return (key, value)
        }
    }

    /// Fails on any key nobody asked for.
    func checkNoOtherKeys() throws {
        let unknown = values.keys.filter { !used.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw fail("unknown key\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) (known: \(used.sorted().joined(separator: ", ")))")
        }
    }
}
