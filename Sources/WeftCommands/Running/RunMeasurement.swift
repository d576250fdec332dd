import Foundation
import WeftRuntime

/// Everything one run of a demo measured: the runtime's report plus the process's own counters.
/// `weft run --report-json` prints it; `weft compare` reads one per scheduler from its child processes.
struct RunMeasurement: Codable, Equatable {
    var demo: String
    /// The scheduler as people read it: "multiplexed(2 workers)" or "thread-per-task".
    var scheduler: String
    var arguments: [String]
    /// `completed`, `failed`, `deadlocked`, `thread-limit` or `stopped`.
    var outcome: String
    /// What went wrong, when the run did not complete.
    var message: String?
    var wallNanoseconds: UInt64
    var tasksCreated: Int
    var threadsCreated: Int
    var peakThreadsAlive: Int
    /// Mean CPU time the creating thread spends in a spawn (`RunReport.meanSpawnNanoseconds`); nil when not measured
    /// (a program run with `--exec` keeps its report).
    var meanSpawnNanoseconds: Double?
    var eventsRecorded: UInt64
    var eventsDropped: UInt64
    var traceBytes: UInt64
    var tracePath: String?
    /// Resident bytes just before the run started (the binary and its libraries); for an external program, its
    /// trace's first memory sample; nil when unknown.
    var baselineResidentBytes: UInt64?
    /// Address space mapped just before the run; nil when unknown (an external program).
    var baselineVirtualBytes: UInt64?
    /// The process's counters after the run.
    var usage: ProcessUsage

    init(demo: String, arguments: [String], report: RunReport, message: String?, baselineResidentBytes: UInt64?,
         baselineVirtualBytes: UInt64?) {
        self.demo = demo
        scheduler = report.scheduler.description
        self.arguments = arguments
        outcome = report.outcome.description
        self.message = message
        wallNanoseconds = report.wallNanoseconds
        tasksCreated = report.tasksCreated
        threadsCreated = report.threadsCreated
        peakThreadsAlive = report.peakThreadsAlive
        meanSpawnNanoseconds = report.meanSpawnNanoseconds
        eventsRecorded = report.eventsRecorded
        eventsDropped = report.eventsDropped
        traceBytes = report.traceBytes
        tracePath = report.tracePath
        self.baselineResidentBytes = baselineResidentBytes
        self.baselineVirtualBytes = baselineVirtualBytes
        usage = ProcessUsage.current()
        // The run's own peak (the one the trace records and every picture states), not getrusage's lifetime one.
        if report.peakResidentBytes > 0 { usage.peakResidentBytes = report.peakResidentBytes }
    }

    /// CPU time, user plus system.
    var cpuNanoseconds: UInt64 { usage.userNanoseconds + usage.systemNanoseconds }

    /// Peak resident memory beyond the baseline, per task created (nil with no task or no baseline).
    var residentBytesPerTask: Double? { perTask(usage.peakResidentBytes, beyond: baselineResidentBytes) }

    /// Peak address space beyond the baseline, per task created (nil with no task or no baseline): reserved thread
    /// stacks show here.
    var virtualBytesPerTask: Double? { perTask(usage.peakVirtualBytes, beyond: baselineVirtualBytes) }

    private func perTask(_ peak: UInt64, beyond baseline: UInt64?) -> Double? {
        guard tasksCreated > 0, let baseline else { return nil }
        return Double(peak > baseline ? peak - baseline : 0) / Double(tasksCreated)
    }
}

extension RunMeasurement {
    /// Prints the measurement as one line of JSON on standard output.
    static func print(_ measurement: RunMeasurement) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(measurement)
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    /// Reads the measurement a child `weft run --report-json` printed (its last non-empty line).
    static func parse(_ output: String) -> RunMeasurement? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else { return nil }
        return try? JSONDecoder().decode(RunMeasurement.self, from: Data(line.utf8))
    }
}
