/// The profiles cirkel knows by name.
public enum BuiltInProfiles {
    /// The default: SPEC §3's table. 500 m to an ontmoetingsruimte or zorgcentrum, to a
    /// huisarts or zorgcentrum, and to an OV-halte (250 m ideal, the reach of a rollator);
    /// apotheek and supermarkt count towards the score; clusters of ≥ 5 units linked at 25 m.
    public static let woonzorgcirkel = try! Profile(
        name: "woonzorgcirkel",
        description: "Woonzorgcirkel (SPEC §3): ontmoeting, zorg and OV within 500 m (OV ideally 250 m); apotheek and supermarkt add to the score; clusters of at least 5 units linked at 25 m.",
        criteria: [
            Criterion(name: "ontmoeting", types: ["ontmoetingsruimte", "zorgcentrum"], radius: 500, required: true),
            Criterion(name: "zorg", types: ["huisarts", "zorgcentrum"], radius: 500, required: true),
            Criterion(name: "ov", types: ["ov_halte"], radius: 500, ideal: 250, required: true),
            Criterion(name: "apotheek", types: ["apotheek"], radius: 500, required: false),
            Criterion(name: "supermarkt", types: ["supermarkt"], radius: 500, required: false),
        ],
        cluster: ClusterSettings(link: 25, minUnits: 5)
    )

    /// Nieuwegein's zorgcirkel: a 400 m circle around a cluster of shops, OV and a
    /// gezondheidscentrum. Shops, OV and care (huisarts, gezondheidscentrum or zorgcentrum)
    /// are required within 400 m; apotheek and ontmoeting add to the score.
    public static let nieuwegeinZorgcirkel = try! Profile(
        name: "nieuwegein-zorgcirkel",
        description: "Nieuwegein's zorgcirkel: supermarkt, OV-halte and gezondheidszorg (huisarts, gezondheidscentrum or zorgcentrum) within 400 m; apotheek and ontmoeting add to the score; clusters of at least 5 units linked at 25 m.",
        criteria: [
            Criterion(name: "winkels", types: ["supermarkt"], radius: 400, required: true),
            Criterion(name: "ov", types: ["ov_halte"], radius: 400, required: true),
            Criterion(name: "zorg", types: ["huisarts", "gezondheidscentrum", "zorgcentrum"], radius: 400, required: true),
            Criterion(name: "apotheek", types: ["apotheek"], radius: 400, required: false),
            Criterion(name: "ontmoeting", types: ["ontmoetingsruimte", "zorgcentrum"], radius: 400, required: false),
        ],
        cluster: ClusterSettings(link: 25, minUnits: 5)
    )

    /// The default criteria with CBS's 2025 definition of a geclusterde woonvorm: at least
    /// 12 units.
    public static let cbsGeclusterd = try! Profile(
        name: "cbs-geclusterd",
        description: "As woonzorgcirkel, with CBS's 2025 statistic of geclusterde woonvormen: clusters of at least 12 units.",
        criteria: woonzorgcirkel.criteria,
        cluster: ClusterSettings(link: 25, minUnits: 12)
    )

    public static let all: [Profile] = [woonzorgcirkel, nieuwegeinZorgcirkel, cbsGeclusterd]

    public static func named(_ name: String) -> Profile? {
        all.first { $0.name == name }
    }
}
