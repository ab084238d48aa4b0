import ArgumentParser
import Cirkels
import Geo

/// How a long command runs: its worker threads and how it reports progress (shared by
/// `analyse`, `score` and `index`).
struct RunOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads (default: one per core). Results do not depend on it. Example: --threads 1"))
    var threads: Int?

    @Flag(help: "No progress on stderr (it is shown only when stderr is a terminal anyway).")
    var quiet = false

    @Flag(help: "Progress for scripts: one JSON object per line on stderr (begin, progress every second, end of each stage; with memory in use).")
    var jsonProgress = false

    /// The workers and progress meter the command's stages use.
    func parallelism() throws -> Parallelism {
        if let threads, threads < 1 { throw CirkelError.invalidRequest("--threads must be at least 1") }
        let workers = threads ?? Parallelism.machine.workers
        return Parallelism(workers: workers, progress: ProgressMeter(display: display()))
    }

    private func display() -> (any ProgressDisplay)? {
        if jsonProgress { return JSONProgressDisplay() }
        if quiet || !TerminalProgressDisplay.standardErrorIsTerminal { return nil }
        return TerminalProgressDisplay()
    }
}
