import WeftTrace

/// How long new tasks waited to start on the path that set a run's wall time: from each task's creation to its first
/// run. Under thread-per-task each such wait is a new OS thread starting (the first task's, main's, too); under a pool,
/// a worker taking the new task from a queue.
public struct StartUps: Sendable, Equatable {
    /// The time (ns) new tasks on the critical path waited to start: the part of the wall time these waits made.
    public var waitOnPath: UInt64
    /// The task that waited longest of them, and its wait (ns).
    public var longest: String
    public var longestWait: UInt64

    public init(waitOnPath: UInt64, longest: String, longestWait: UInt64) {
        self.waitOnPath = waitOnPath
        self.longest = longest
        self.longestWait = longestWait
    }

    /// The start-up waits on `path`, the critical path of `timeline`; nil when none was on it.
    public init?(_ timeline: Timeline, path: CriticalPath) {
        var byTask: [TaskID: UInt64] = [:]
        for segment in path.segments where segment.state == .runnable(.created) {
            byTask[segment.task, default: 0] += segment.duration
        }
        guard let top = byTask.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return nil }
        self.init(waitOnPath: byTask.values.reduce(0, +), longest: timeline.task(top.key)?.label ?? top.key.description,
                  longestWait: top.value)
    }
}
