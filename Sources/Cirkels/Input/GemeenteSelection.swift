import Foundation
import Geo

/// Some gemeenten out of a larger data set (`cirkel score --gemeente`): their buurten and
/// the buildings inside them. Every voorziening and halte stays, since reach crosses the
/// border: a home at the edge of a gemeente may have its huisarts in the next one.
public struct GemeenteSelection: Sendable {
    /// As the user gave them: codes ("GM0363", "0363", "363") or names ("Amsterdam").
    public let requested: [String]

    public init(_ requested: [String]) {
        self.requested = requested
    }

    /// The data set restricted to the requested gemeenten. An error when the data set has
    /// no buurten or a request matches none of its gemeenten.
    public func apply(to data: DataSet, parallelism: Parallelism) throws -> DataSet {
        let buurten = data.buurten
        guard buurten.count > 0 else {
            throw CirkelError.invalidRequest("--gemeente needs buurten (with a gemeentecode, or CBS buurtcodes) in \(data.source)")
        }
        var keep = [Bool](repeating: false, count: buurten.count)
        for request in requested {
            let matches = (0..<buurten.count).filter { Self.matches(request, code: buurten.gemeenteCode($0), name: buurten.gemeenteName($0)) }
            guard !matches.isEmpty else {
                let known = Set((0..<buurten.count).compactMap { k in buurten.gemeenteCode(k).map { "\($0) \(buurten.gemeenteName(k))" } })
                    .sorted().prefix(5).joined(separator: ", ")
                throw CirkelError.invalidRequest("--gemeente \"\(request)\" is no gemeente of the buurten in \(data.source) (give a code or a name, such as \(known))")
            }
            for k in matches { keep[k] = true }
        }
        let buurtOf = try BuurtAssignment.assign(buildings: data.buildings, buurten: buurten, parallelism: parallelism)
        let buildings = data.buildings.selecting { buurtOf[$0] >= 0 && keep[buurtOf[$0]] }
        var result = data
        result.buurten = buurten.selecting { keep[$0] }
        result.buildings = buildings
        let gemeenten = Set((0..<buurten.count).filter { keep[$0] }.compactMap { buurten.gemeenteCode($0) }).count
        result.notes.append("--gemeente: \(gemeenten.groupedDigits) gemeenten, \(result.buurten.count.groupedDigits) of \(buurten.count.groupedDigits) buurten, \(buildings.count.groupedDigits) of \(data.buildings.count.groupedDigits) buildings; all \(data.voorzieningen.count.groupedDigits) voorzieningen and haltes kept (reach crosses borders)")
        return result
    }

    /// Whether a request names this gemeente: its code with or without "GM" and leading
    /// zeros, or its name, in any case.
    static func matches(_ request: String, code: String?, name: String) -> Bool {
        let wanted = request.trimmingCharacters(in: .whitespaces)
        if !name.isEmpty, wanted.caseInsensitiveCompare(name) == .orderedSame { return true }
        guard let code else { return false }
        if wanted.caseInsensitiveCompare(code) == .orderedSame { return true }
        let digits = wanted.uppercased().hasPrefix("GM") ? String(wanted.dropFirst(2)) : wanted
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return code.uppercased() == "GM" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}

extension Buildings {
    /// The buildings for which `keep(index)` holds, in order.
    func selecting(_ keep: (Int) -> Bool) -> Buildings {
        var result = Buildings()
        let hasIDs = ids.count == count, hasPands = pandIDs.count == count
        for b in 0..<count where keep(b) {
            if hasIDs { result.ids.append(ids[b]) }
            if hasPands { result.pandIDs.append(pandIDs[b]) }
            result.xs.append(xs[b])
            result.ys.append(ys[b])
            result.units.append(units[b])
            result.nultredenAllowed.append(nultredenAllowed[b])
        }
        return result
    }
}

extension Buurten {
    /// The buurten for which `keep(index)` holds, in order, with every attribute.
    func selecting(_ keep: (Int) -> Bool) -> Buurten {
        var result = Buurten()
        let kept = (0..<count).filter(keep)
        func pick<T>(_ values: [T]) -> [T] { values.count == count ? kept.map { values[$0] } : values }
        result.codes = pick(codes)
        result.names = pick(names)
        for k in kept {
            result.geometries.appendParts(of: k, from: geometries)
            result.geometries.endFeature(kind: geometries.kinds[k])
        }
        result.wijkCodes = pick(wijkCodes)
        result.gemeenteCodes = pick(gemeenteCodes)
        result.gemeenteNames = pick(gemeenteNames)
        result.isWater = pick(isWater)
        result.nabijheid = nabijheid.map { Nabijheid(type: $0.type, column: $0.column, kilometres: pick($0.kilometres)) }
        return result
    }
}
