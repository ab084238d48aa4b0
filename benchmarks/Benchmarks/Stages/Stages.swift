import Benchmark
import Cirkels
import Foundation

/// One benchmark per stage of `cirkel analyse` and one end to end, on a generated country
/// (`CIRKEL_BENCH_DATA`, default /tmp/cirkel-smoke-100k, made by
/// `benchmarks/generate/make-country.py --buildings 100000 --out /tmp/cirkel-smoke-100k`).
/// Each stage starts from the previous stages' results, computed once before the benchmarks.
let benchmarks: @Sendable () -> Void = {
    let folder = ProcessInfo.processInfo.environment["CIRKEL_BENCH_DATA"] ?? "/tmp/cirkel-smoke-100k"
    let profile = BuiltInProfiles.woonzorgcirkel
    let parallelism = Parallelism.machine
    let shape = DiscShape(segments: 64)
    let options = AnalysisOptions(profile: profile, parallelism: parallelism)
    // Computed once: every stage's input.
    let result: AnalysisResult
    do {
        result = try Analysis.run(folder: folder, options: options)
    } catch {
        fatalError("cannot analyse \(folder) (make it with benchmarks/generate/make-country.py): \(error)")
    }
    let data = result.data

    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                           warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 7)

    Benchmark("read (parse, project, locate)") { benchmark in
        for _ in benchmark.scaledIterations {
            var reader = DataSetReader(parallelism: parallelism)
            blackHole(try reader.read(folder: folder))
        }
    }
    Benchmark("reach") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Reach(profile: profile, buildings: data.buildings, voorzieningen: data.voorzieningen, parallelism: parallelism))
        }
    }
    Benchmark("clusters") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Clusters(buildings: data.buildings, qualifying: result.reach.qualifying, settings: profile.cluster))
        }
    }
    Benchmark("cluster outlines") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ClusterOutlines.outlines(of: result.clusters, buildings: data.buildings, settings: profile.cluster,
                                                   shape: shape, parallelism: parallelism))
        }
    }
    Benchmark("vlekkenkaart") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try VlekkenkaartBuilder(profile: profile, shape: shape, parallelism: parallelism)
                .build(voorzieningen: data.voorzieningen, buildings: data.buildings, reach: result.reach))
        }
    }
    Benchmark("coverage") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CoverageBuilder(profile: profile, parallelism: parallelism)
                .build(data: data, reach: result.reach, clusters: result.clusters, vlekkenkaart: result.vlekkenkaart))
        }
    }
    Benchmark("write") { benchmark in
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cirkel-bench-write").path
        for _ in benchmark.scaledIterations {
            blackHole(try AnalysisWriter(parallelism: parallelism).write(result, to: out))
        }
    }
    Benchmark("end to end (analyse and write)") { benchmark in
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cirkel-bench-all").path
        for _ in benchmark.scaledIterations {
            let analysed = try Analysis.run(folder: folder, options: options)
            blackHole(try AnalysisWriter(parallelism: parallelism).write(analysed, to: out))
        }
    }
}
