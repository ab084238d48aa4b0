import ArgumentParser

@main
struct Cirkel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cirkel",
        abstract: "Woonzorgcirkels from open data: reach, scores, clusters, vlekkenkaart and coverage per buurt.",
        discussion: """
        Examples:
          cirkel analyse data/geojson --out out/demo
          cirkel analyse ../shared/data/amsterdam-centrum --out out/ams --profile nieuwegein-zorgcirkel
          cirkel profiles woonzorgcirkel > mijn-profiel.json
        """,
        subcommands: [Analyse.self, Score.self, Check.self, Index.self, Profiles.self]
    )
}
