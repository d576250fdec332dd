import WeftAnalysis

extension RunFacts {
    /// The facts a header says about a modelled run: program and arguments, scheduler, workers, cores, tasks,
    /// threads, wall time, events, peak RSS and how it ended. The verdict's measured figures and the sums over tasks
    /// are left out (`RenderTimeline(timeline:)` adds them).
    init(header timeline: Timeline) {
        let run = timeline.run
        let origin = run.start
        let lastTask = timeline.tasks.map { max($0.ended ?? run.end, $0.intervals.last?.end ?? 0) }.max()
        let activityEnd = min(lastTask ?? run.end, run.end)
        self.init(program: run.program.isEmpty ? "program" : run.program,
                  scheduler: run.scheduler.isEmpty ? "unknown scheduler" : run.scheduler,
                  workers: run.workers, taskCount: timeline.tasks.count, threadCount: timeline.threadCensus.schedulerThreads,
                  wallTime: run.wallTime, traceEnd: activityEnd > origin ? activityEnd - origin : 0,
                  eventCount: run.totalEvents, peakRSS: run.peakResidentBytes)
        if workers == 0 || run.scheduler == "thread-per-task" { workers = nil }
        arguments = run.arguments
        summary = run.summary
        cores = run.cores
        virtualTime = run.hasVirtualTime
        census = timeline.threadCensus
        if run.traceSpan > run.wallTime + run.wallTime / 10 { traceWallTime = run.traceSpan }
        if let outcome = run.outcome, outcome != .completed {
            // The runtime's message usually opens with the outcome ("deadlock: all 6 live tasks…"): say it once.
            let word = outcome.description
            self.outcome = word
            let message = run.message
            problem = message.isEmpty ? word
                : message.hasPrefix(word) || message.hasPrefix(String(word.dropLast(2))) ? message : "\(word): \(message)"
        }
    }
}
