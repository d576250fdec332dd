import WeftTrace

/// Facts about the whole traced run.
public struct RunInfo: Sendable, Equatable {
    /// Every `metadata` event, in order (keys: scheduler, workers, program, arguments, wallclock_start_ns, host, clock).
    public var metadata: [MetadataEntry]
    /// The first and last event times (ns since trace start).
    public var start: UInt64
    public var end: UInt64
    /// How the program ended (`runFinish`); nil when the trace lacks it.
    public var outcome: RunOutcome?
    /// The message of `runFinish` ("" when none).
    public var message: String
    /// When `runFinish` was recorded.
    public var finished: UInt64?
    /// Every `sample`, in order (peak_rss_bytes, cpu_user_ns, cpu_system_ns, voluntary_ctx_switches, …).
    public var samples: [Sample]
    /// How many events of each kind the trace held (indexed by `EventKind.rawValue`; use `count(of:)`).
    public var eventCounts: [Int]
    /// Events the recorder reported it could not store (the trailer's count; 0 when the file has no trailer).
    public var dropped: UInt64
    /// Things in the trace that did not add up (a `runEnd` for a task not running, …), at most 100 kept.
    public var anomalies: [Anomaly]
    /// How many anomalies there were in all.
    public var anomalyCount: Int
    /// How long threads inside a run slice were given (almost) no CPU, summed over the threads (ns): the wall time of
    /// every `CPUStarvation` stretch. 0 in traces without `threadCPU` samples.
    public var cpuStarved: UInt64 = 0

    /// The value of a metadata key (the last one, when repeated).
    public func metadata(_ key: String) -> String? { metadata.last { $0.key == key }?.value }

    /// Online cores of the machine that ran it (metadata `cores`), when recorded.
    public var cores: Int? { metadata("cores").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
    /// The scheduler's name ("multiplexed", "thread-per-task"), or "" when unknown.
    public var scheduler: String { metadata("scheduler") ?? "" }
    /// The number of workers of the multiplexed scheduler; nil when unknown and under thread-per-task (which
    /// records 0: it has no workers).
    public var workers: Int? { metadata("workers").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
    /// Whether the trace's times are virtual (recorded under the deterministic scheduler), not measured.
    public var hasVirtualTime: Bool { metadata(MetadataKey.virtualTime.rawValue) == "true" }
    /// The traced program's name ("" when unknown).
    public var program: String { metadata("program") ?? "" }
    /// The program's arguments, joined by spaces ("" when none or unknown).
    public var arguments: String { metadata(MetadataKey.arguments.rawValue) ?? "" }
    /// What the program does, as it said itself in one line ("" when it said nothing).
    public var summary: String { metadata(MetadataKey.summary.rawValue) ?? "" }
    /// The last value of a sample name (e.g. `peak_rss_bytes`).
    public func sample(_ name: String) -> UInt64? { samples.last { $0.name == name }?.value }
    /// The run's wall time, the one definition every figure uses (stats, diff, compare, pictures, `RunReport`):
    /// from the run's first event (the caller's `threadStart`, recorded once the trace clock is calibrated) to
    /// `runFinish` (after every task ended and the scheduler's threads were joined). A trace without `runFinish`
    /// (a killed run) counts to its last event.
    public var wallTime: UInt64 {
        let last = finished ?? end
        return last > start ? last - start : 0
    }
    /// The span the trace's events cover, first to last (a little longer than `wallTime`: the samples and the
    /// caller's `threadStop` follow `runFinish`).
    public var traceSpan: UInt64 { end > start ? end - start : 0 }
    /// How many events of `kind` the trace held.
    public func count(of kind: EventKind) -> Int { eventCounts[Int(kind.rawValue)] }
    /// The total number of events.
    public var totalEvents: Int { eventCounts.reduce(0, +) }

    public init(metadata: [MetadataEntry] = [], start: UInt64 = 0, end: UInt64 = 0, outcome: RunOutcome? = nil,
                message: String = "", finished: UInt64? = nil, samples: [Sample] = [],
                eventCounts: [Int] = [Int](repeating: 0, count: 256), dropped: UInt64 = 0,
                anomalies: [Anomaly] = [], anomalyCount: Int = 0) {
        self.metadata = metadata
        self.start = start
        self.end = end
        self.outcome = outcome
        self.message = message
        self.finished = finished
        self.samples = samples
        self.eventCounts = eventCounts
        self.dropped = dropped
        self.anomalies = anomalies
        self.anomalyCount = anomalyCount
    }
}

/// One `metadata` event.
public struct MetadataEntry: Sendable, Equatable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One `sample` event.
public struct Sample: Sendable, Equatable {
    public var time: UInt64
    public var name: String
    public var value: UInt64
    public init(time: UInt64, name: String, value: UInt64) {
        self.time = time
        self.name = name
        self.value = value
    }
}

/// Something in the trace that did not add up; the model keeps going and says so.
public struct Anomaly: Sendable, Equatable, CustomStringConvertible {
    /// The index of the event (from 0, in reading order).
    public var eventIndex: Int
    public var time: UInt64
    public var message: String
    public init(eventIndex: Int, time: UInt64, message: String) {
        self.eventIndex = eventIndex
        self.time = time
        self.message = message
    }
    public var description: String { "event \(eventIndex) at \(time) ns: \(message)" }
}
