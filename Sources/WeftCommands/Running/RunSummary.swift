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
              \(Format.count(report.tasksCreated)) tasks on \(Format.count(report.threadsCreated)) OS threads \
            (at most \(Format.count(report.peakThreadsAlive)) alive), wall \(DurationFormat.format(report.wallNanoseconds))
              \(Format.count(report.eventsRecorded)) events\(dropped), \(trace)
            """
    }
}
