/// What differs between two runs, A and B, task by task: the result of `TraceDiff(a:b:options:)`.
///
/// Plain values, `Codable` for `weft diff --json`. Durations are nanoseconds; a delta is B − A.
public struct TraceDiff: Sendable, Equatable, Codable {
    /// Which run is which.
    public var a: RunLabel
    public var b: RunLabel
    /// True when timing was left out (`--ignore-timing`): only counts and behaviour are compared.
    public var ignoresTiming: Bool
    /// The run as a whole: wall time, CPU, tasks, threads, RSS, context switches, time by task state.
    public var run: [MetricDelta]
    /// Events of each kind that either run recorded.
    public var events: [MetricDelta]
    /// Matched tasks, largest change first.
    public var tasks: [TaskDelta]
    /// Identities of tasks only in B, and only in A.
    public var addedTasks: [String]
    public var removedTasks: [String]
    /// Matched channels and mutexes, in identity order.
    public var channels: [ObjectDelta]
    public var mutexes: [ObjectDelta]
    /// Objects only in B, and only in A, as `channel jobs`, `mutex main/mutex[0]`.
    public var addedObjects: [String]
    public var removedObjects: [String]
    /// Matched tasks whose sequence of operations differs, in identity order.
    public var divergences: [BehaviourDivergence]
    /// Matched tasks whose sequences are the same.
    public var sameBehaviour: Int
    /// Matched channels whose messages went between other tasks, or in another order.
    public var reorderedChannels: [OrderDivergence]
    /// Matched channels whose message order is the same.
    public var sameOrder: Int

    /// True when nothing differs (timing included unless it was ignored).
    public var isEmpty: Bool {
        let metricsSame = (run + events).allSatisfy { $0.delta == 0 }
            && tasks.allSatisfy { $0.metrics.allSatisfy { $0.delta == 0 } && $0.blockedByReason.allSatisfy { $0.delta == 0 } }
            && (channels + mutexes).allSatisfy { $0.metrics.allSatisfy { $0.delta == 0 } }
        return metricsSame && addedTasks.isEmpty && removedTasks.isEmpty && addedObjects.isEmpty
            && removedObjects.isEmpty && divergences.isEmpty && reorderedChannels.isEmpty
    }

    /// The run-level metric with this key (`wall`, `cpu`, `rss`, `blocked`, …), if present.
    public func runMetric(_ key: String) -> MetricDelta? { run.first { $0.key == key } }
}

/// A run's name and the facts that tell it apart.
public struct RunLabel: Sendable, Equatable, Codable {
    /// The file it came from (or any name the caller gives it).
    public var name: String
    public var program: String
    public var scheduler: String
    public var workers: Int?

    public init(name: String, program: String = "", scheduler: String = "", workers: Int? = nil) {
        self.name = name
        self.program = program
        self.scheduler = scheduler
        self.workers = workers
    }

    /// `multiplexed, 4 workers` / `thread-per-task` / `?`.
    public var schedulerText: String {
        scheduler.isEmpty ? "scheduler unknown" : scheduler + (workers.flatMap { $0 > 0 ? ", \($0) workers" : nil } ?? "")
    }
}

/// What a metric counts.
public enum MetricUnit: String, Sendable, Equatable, Codable {
    case nanoseconds, bytes, count
}

/// One number in A and in B.
public struct MetricDelta: Sendable, Equatable, Codable {
    /// A short key for `--fail-if` and JSON (`wall`, `cpu`, `rss`, `threads`, …).
    public var key: String
    /// The row's name for people.
    public var name: String
    public var unit: MetricUnit
    /// Nil when the run did not record it (e.g. a trace without RSS samples).
    public var a: UInt64?
    public var b: UInt64?

    public init(key: String, name: String, unit: MetricUnit, a: UInt64?, b: UInt64?) {
        self.key = key
        self.name = name
        self.unit = unit
        self.a = a
        self.b = b
    }

    /// B − A, when both are known.
    public var delta: Int64? {
        guard let a, let b else { return nil }
        return b >= a ? Int64(clamping: b - a) : -Int64(clamping: a - b)
    }

    /// The change as a percentage of A; nil when A is 0 (and B is not) or unknown.
    public var percent: Double? {
        guard let a, let b else { return nil }
        if a == 0 { return b == 0 ? 0 : nil }
        return (Double(b) - Double(a)) * 100 / Double(a)
    }

    enum CodingKeys: String, CodingKey { case key, name, unit, a, b, delta, percent }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        name = try c.decode(String.self, forKey: .name)
        unit = try c.decode(MetricUnit.self, forKey: .unit)
        a = try c.decodeIfPresent(UInt64.self, forKey: .a)
        b = try c.decodeIfPresent(UInt64.self, forKey: .b)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(name, forKey: .name)
        try c.encode(unit, forKey: .unit)
        try c.encodeIfPresent(a, forKey: .a)
        try c.encodeIfPresent(b, forKey: .b)
        try c.encodeIfPresent(delta, forKey: .delta)
        try c.encodeIfPresent(percent, forKey: .percent)
    }
}

/// One task found in both runs.
public struct TaskDelta: Sendable, Equatable, Codable {
    public var identity: String
    /// Its id in A and in B.
    public var idA: UInt64
    public var idB: UInt64
    /// lifetime, running, runnable, blocked, sleeping.
    public var metrics: [MetricDelta]
    /// Blocked time by reason (`send`, `receive`, `mutex`, …) that either run had.
    public var blockedByReason: [MetricDelta]

    /// The largest absolute change among `metrics`, in nanoseconds: what the task table sorts by.
    public var change: UInt64 { metrics.map { $0.delta?.magnitude ?? 0 }.max() ?? 0 }
    /// The metric with this key.
    public func metric(_ key: String) -> MetricDelta? { metrics.first { $0.key == key } }
}

/// One channel or mutex found in both runs.
public struct ObjectDelta: Sendable, Equatable, Codable {
    public var identity: String
    public var idA: UInt64
    public var idB: UInt64
    /// Channels: messages, blocked (time senders and receivers spent blocked on it), blocking (waits: times a task
    /// blocked on it, a select's wait counted on each of its channels), failed (sends on closed). Mutexes: acquisitions, contended, wait (total), hold (total).
    public var metrics: [MetricDelta]
    public func metric(_ key: String) -> MetricDelta? { metrics.first { $0.key == key } }
}

/// Where one task's operations stop being the same.
public struct BehaviourDivergence: Sendable, Equatable, Codable {
    public var identity: String
    /// The index (from 0) of the first operation that differs.
    public var index: Int
    /// How many operations the task did in each run.
    public var countA: Int
    public var countB: Int
    /// The index of the first operation shown in `contextA` and `contextB`.
    public var contextStart: Int
    /// The operations around the divergence in each run, as `send jobs`, `lock main/mutex[0]`, `spawn worker#2`.
    public var contextA: [String]
    public var contextB: [String]
}

/// Where one channel's messages stop going the same way.
public struct OrderDivergence: Sendable, Equatable, Codable {
    public var identity: String
    /// The first message (its seq, from 1) that differs.
    public var seq: UInt64
    public var messagesA: Int
    public var messagesB: Int
    /// The messages around it in each run, as `#3 producer#2 → consumer`.
    public var contextA: [String]
    public var contextB: [String]
}
