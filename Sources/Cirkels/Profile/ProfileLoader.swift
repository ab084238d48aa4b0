import Foundation

/// Reads a user's profile file, TOML (`.toml`) or JSON (anything else), in one schema:
///
/// ```toml
/// name = "mijn-gemeente"
/// description = "Wat dit profiel meet"
/// [cluster]
/// link = 25
/// min_units = 5
/// [[criteria]]
/// name = "zorg"
/// types = ["huisarts", "zorgcentrum"]
/// radius = 500
/// ideal = 300      # optional
/// weight = 1       # optional, default 1
/// required = true  # optional, default false
/// ```
public enum ProfileLoader {
    /// A built-in profile name, or the path of a profile file.
    public static func load(nameOrPath: String) throws -> Profile {
        if let builtIn = BuiltInProfiles.named(nameOrPath) { return builtIn }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            let names = BuiltInProfiles.all.map(\.name).joined(separator: ", ")
            throw CirkelError.invalidProfile(source: nameOrPath, reason: "no built-in profile by that name (\(names)) and no such file")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw CirkelError.invalidProfile(source: nameOrPath, reason: "cannot read the file")
        }
        return try parse(data, source: nameOrPath, isTOML: nameOrPath.lowercased().hasSuffix(".toml"))
    }

    public static func parse(_ data: Data, source: String, isTOML: Bool) throws -> Profile {
        var json = data
        if isTOML {
            guard let text = String(data: data, encoding: .utf8) else {
                throw CirkelError.invalidProfile(source: source, reason: "not UTF-8 text")
            }
            json = try TOMLConversion.json(text) { .invalidProfile(source: source, reason: $0) }
        }
        let file: ProfileFile
        do {
            file = try JSONDecoder().decode(ProfileFile.self, from: json)
        } catch let error as DecodingError {
            throw CirkelError.invalidProfile(source: source, reason: describe(error))
        } catch {
            throw CirkelError.invalidProfile(source: source, reason: "\(error)")
        }
        return try file.profile(source: source)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context.codingPath)
            return "missing \"\(key.stringValue)\"" + (at.isEmpty ? "" : " in \(at)")
        case let .typeMismatch(type, context):
            return "\(path(context.codingPath)): expected \(type)"
        case let .valueNotFound(type, context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case let .dataCorrupted(context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : "\(at): ") + "invalid JSON (\(context.debugDescription))"
        @unknown default:
            return "\(error)"
        }
    }

    /// The profile in the file format, for writing `profile.json` beside the results: a
    /// run can be repeated with exactly that file.
    public static func document(for profile: Profile) -> JSONDocument {
        var criteria: [JSONDocument] = []
        for c in profile.criteria {
            var members: [(String, JSONDocument)] = [
                ("name", .value(.string(c.name))),
                ("types", .array(c.types.sorted().map { .value(.string($0)) })),
                ("radius", .value(.trimmed(c.radius, decimals: 3))),
            ]
            if let ideal = c.ideal { members.append(("ideal", .value(.trimmed(ideal, decimals: 3)))) }
            members.append(("weight", .value(.trimmed(c.weight, decimals: 6))))
            members.append(("required", .value(.bool(c.required))))
            criteria.append(.object(members))
        }
        return .object([
            ("name", .value(.string(profile.name))),
            ("description", .value(.string(profile.description))),
            ("cluster", .object([
                ("link", .value(.trimmed(profile.cluster.link, decimals: 3))),
                ("min_units", .value(.integer(profile.cluster.minUnits))),
            ])),
            ("criteria", .array(criteria)),
        ])
    }
}

/// The file schema of a profile.
private struct ProfileFile: Decodable {
    struct ClusterPart: Decodable {
        var link: Double?
        var minUnits: Int?
        enum CodingKeys: String, CodingKey {
            case link
            case minUnits = "min_units"
        }
    }

    struct CriterionPart: Decodable {
        var name: String
        var types: [String]
        var radius: Double
        var ideal: Double?
        var weight: Double?
        var required: Bool?
    }

    var name: String
    var description: String?
    var cluster: ClusterPart?
    var criteria: [CriterionPart]

    func profile(source: String) throws -> Profile {
        let defaults = BuiltInProfiles.woonzorgcirkel.cluster
        return try Profile(
            name: name,
            description: description ?? "",
            criteria: criteria.map {
                Criterion(name: $0.name, types: Set($0.types), radius: $0.radius, ideal: $0.ideal,
                          weight: $0.weight ?? 1, required: $0.required ?? false)
            },
            cluster: ClusterSettings(link: cluster?.link ?? defaults.link, minUnits: cluster?.minUnits ?? defaults.minUnits),
            source: source
        )
    }
}
