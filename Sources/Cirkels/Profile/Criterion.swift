/// One condition of a profile: a voorziening of one of `types` within `radius` metres.
public struct Criterion: Sendable, Equatable {
    /// Used as a column name (`d_<name>`), so lower-case letters, digits and underscores.
    public let name: String
    /// Voorziening types that satisfy it (any of), trimmed and lower-cased.
    public let types: Set<String>
    public let radius: Double
    /// An optional inner radius for the `ideal` level (≤ radius).
    public let ideal: Double?
    public let weight: Double
    public let required: Bool

    public init(name: String, types: Set<String>, radius: Double, ideal: Double? = nil, weight: Double = 1, required: Bool) {
        self.name = name
        self.types = Set(types.map(Criterion.normalisedType))
        self.radius = radius
        self.ideal = ideal
        self.weight = weight
        self.required = required
    }

    /// Voorziening types are compared trimmed and lower-cased (SPEC §1).
    public static func normalisedType(_ type: String) -> String {
        type.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The level at distance `d` (infinite when there is no matching voorziening).
    @inline(__always)
    public func level(at d: Double) -> Level {
        guard d <= radius else { return .none }
        if let ideal { return d <= ideal ? .ideal : .reached }
        return .ideal
    }

    /// Points for a level: the weight for ideal, half of it for reached.
    @inline(__always)
    public func points(for level: Level) -> Double {
        switch level {
        case .ideal: return weight
        case .reached: return weight / 2
        case .none: return 0
        }
    }
}

import Foundation
