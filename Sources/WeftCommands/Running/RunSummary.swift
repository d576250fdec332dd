import WeftAnalysis
import WeftRuntime

/// The short summary `weft run` ends with.
enum RunSummary {
    static func text(demo: String, report: RunReport) -> String {
        var trace = "no trace"
        if let path = report.tracePath {
            trace = "trace \(ByteFormat.format(report.traceBytes)) → \(path)"
        }
        let dropped = report.eventsDropped > 0 ? " (\(Format.count(report.eventsDropped)) dropped)" : ""
        return """
            — \(demo) under \(report.scheduler.name): \(report.outcome)
              \(Format.counted(report.tasksCreated, "task")) on \(Format.counted(report.threadsCreated, "OS thread")) \
            (at most \(Format.count(report.peakThreadsAlive)) alive), \(report.scheduler.hasVirtualTime ? "virtual time" : "wall") \(DurationFormat.format(report.wallNanoseconds))
              \(Format.counted(report.eventsRecorded, "event"))\(dropped), \(trace)
            """
    }
}
