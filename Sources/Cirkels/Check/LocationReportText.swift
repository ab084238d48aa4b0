import Foundation

/// `cirkel check`'s report in a planner's words.
public struct LocationReportText {
    public let prepared: PreparedAnalysis
    public let language: Language

    public init(prepared: PreparedAnalysis, language: Language) {
        self.prepared = prepared
        self.language = language
    }

    private func say(_ en: String, _ nl: String) -> String { language == .en ? en : nl }

    static func metres(_ d: Double) -> String { "\(Int(d.rounded())) m" }

    static func number(_ value: Double) -> String {
        var buffer = ByteBuffer()
        buffer.appendDecimal(value, decimals: 2, trim: true)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// "ontmoetingsruimte or zorgcentrum" / "ontmoetingsruimte of zorgcentrum".
    func typesPhrase(_ criterion: Criterion) -> String {
        let types = criterion.types.sorted()
        guard types.count > 1 else { return types.first ?? criterion.name }
        return types.dropLast().joined(separator: ", ") + say(" or ", " of ") + types.last!
    }

    /// "Apotheek Batau (apotheek), 740 m".
    func voorziening(_ index: Int, distance: Double) -> String {
        let v = prepared.voorzieningen
        let name = v.names[index].isEmpty ? v.types[index] : "\(v.names[index]) (\(v.types[index]))"
        return "\(name), \(Self.metres(distance))"
    }

    /// "no apotheek within 500 m; nearest: Apotheek Batau, 740 m".
    public func missingPhrase(_ f: CriterionFinding) -> String {
        let within = say("no \(typesPhrase(f.criterion)) within \(Self.metres(f.criterion.radius))",
                         "geen \(typesPhrase(f.criterion)) binnen \(Self.metres(f.criterion.radius))")
        guard let nearest = f.nearest else { return within + say("; none in the data at all", "; in de gegevens nergens") }
        return within + say("; nearest: ", "; dichtstbij: ") + voorziening(nearest, distance: f.distance)
    }

    func levelWord(_ level: Level) -> String {
        switch level {
        case .ideal: return "ideal"
        case .reached: return say("reached", "bereikt")
        case .none: return say("none", "geen")
        }
    }

    public func render(_ r: LocationReport) -> String {
        var lines: [String] = []
        let width = max(10, (prepared.profile.criteria.map(\.name.count).max() ?? 0) + 2)
        func label(_ s: String) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
        lines.append("cirkel check \(r.location.label) — " + say("profile ", "profiel ") + prepared.profile.name)
        var place = "RD \(Self.number(r.location.x)), \(Self.number(r.location.y))"
        if let b = r.buurt {
            place += " · buurt \(prepared.buurten.codes[b]) \(prepared.buurten.names[b])"
        } else if prepared.buurten.count > 0 {
            place += say(" · in no buurt", " · in geen buurt")
        }
        lines.append("  " + label(say("location", "locatie")) + place)
        for f in r.findings {
            var text = levelWord(f.level).padding(toLength: 8, withPad: " ", startingAt: 0) + " "
            if f.level == .none {
                text += missingPhrase(f)
            } else {
                text += voorziening(f.nearest!, distance: f.distance)
                if f.level == .reached, let ideal = f.criterion.ideal {
                    text += say(" (ideal within \(Self.metres(ideal)))", " (ideaal binnen \(Self.metres(ideal)))")
                }
            }
            if !f.criterion.required { text += say("  [optional]", "  [optioneel]") }
            lines.append("  " + label(f.criterion.name) + text)
        }
        lines.append("  " + label("score") + "\(Self.number(r.score)) " + say("of", "van") + " \(Self.number(r.maximumScore))")
        if r.complete {
            lines.append("  " + label(say("complete", "compleet")) + say("yes: every required voorziening is within reach",
                                                                       "ja: elke vereiste voorziening is binnen bereik"))
        } else {
            let missing = r.missing.map(missingPhrase).joined(separator: "; ")
            lines.append("  " + label(say("complete", "compleet")) + say("no: ", "nee: ") + missing)
        }
        let vlek = zip(prepared.profile.criteria, r.signature.levels).map { "\($0.name) \(levelWord($1))" }.joined(separator: ", ")
        lines.append("  " + label("vlek") + vlek)
        lines.append(contentsOf: clusterLines(r.cluster).enumerated().map { k, line in "  " + label(k == 0 ? "cluster" : "") + line })
        return lines.joined(separator: "\n")
    }

    func clusterLines(_ c: ClusterFinding) -> [String] {
        var lines: [String] = []
        if let n = c.nearest {
            lines.append(say("nearest: cluster \(n.id) (\(n.units) units), \(Self.metres(n.distance)) away",
                             "dichtstbij: cluster \(n.id) (\(n.units) wooneenheden), op \(Self.metres(n.distance))"))
        } else {
            lines.append(say("there are no clusters in the data", "er zijn geen clusters in de gegevens"))
        }
        let one = c.plannedUnits == 1
        let homes = say(one ? "1 home here would" : "\(c.plannedUnits) homes here would",
                        one ? "1 woning hier zou" : "\(c.plannedUnits) woningen hier zouden")
        func units(_ n: Int) -> String { say(n == 1 ? "1 unit" : "\(n) units", n == 1 ? "1 wooneenheid" : "\(n) wooneenheden") }
        if !c.homesQualify {
            lines.append(say("\(homes) not qualify (the location is not complete)", "\(homes) niet meetellen (de locatie is niet compleet)"))
        } else if c.joins.count == 1 {
            lines.append(say("\(homes) join cluster \(c.joins[0]) (then \(units(c.resultingUnits)))",
                             "\(homes) aansluiten bij cluster \(c.joins[0]) (dan \(units(c.resultingUnits)))"))
        } else if c.joins.count > 1 {
            let ids = c.joins.map(String.init).joined(separator: ", ")
            lines.append(say("\(homes) join clusters \(ids) into one of \(units(c.resultingUnits))",
                             "\(homes) clusters \(ids) verbinden tot één van \(units(c.resultingUnits))"))
        } else if c.formsCluster {
            lines.append(say("\(homes) form a new cluster of \(units(c.resultingUnits)) (at least \(c.minUnits))",
                             "\(homes) een nieuw cluster vormen van \(units(c.resultingUnits)) (minstens \(c.minUnits))"))
        } else {
            lines.append(say("\(homes) not form a cluster: with qualifying neighbours within \(Self.metres(c.link)) they make \(units(c.resultingUnits)), fewer than \(c.minUnits) (try --units)",
                             "\(homes) geen cluster vormen: met geschikte buren binnen \(Self.metres(c.link)) samen \(units(c.resultingUnits)), minder dan \(c.minUnits) (probeer --units)"))
        }
        return lines
    }
}
