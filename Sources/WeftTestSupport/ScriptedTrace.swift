import WeftAnalysis
import WeftTrace

/// Writes a trace in Swift, event by event, keeping `Event.task` as a reader would derive it (from runBegin/runEnd).
public final class ScriptedTrace {
    /// The events written so far, with their strings.
    public let list = EventList()
    private var running: [UInt64: UInt64] = [:] // thread -> task

    public init() {}

    private func add(_ kind: EventKind, _ time: UInt64, _ thread: UInt64, _ a0: UInt64 = 0, _ a1: UInt64 = 0,
                     _ a2: UInt64 = 0, _ a3: UInt64 = 0) {
        list.append(Event(kind: kind, time: time, thread: ThreadID(thread), task: TaskID(running[thread] ?? 0),
                          args: EventArguments(a0, a1, a2, a3)))
    }

    public func meta(_ time: UInt64, _ key: String, _ value: String) {
        add(.metadata, time, 1, list.intern(key).rawValue, list.intern(value).rawValue)
    }
    public func thread(_ time: UInt64, _ thread: UInt64, tid: UInt64, role: ThreadRole, index: UInt64) {
        add(.threadStart, time, thread, tid, role.rawValue, index)
    }
    public func create(_ time: UInt64, on thread: UInt64, _ task: UInt64, parent: UInt64 = 0, name: String = "", site: String = "") {
        add(.taskCreate, time, thread, task, parent, list.intern(name).rawValue, list.intern(site).rawValue)
    }
    public func begin(_ time: UInt64, on thread: UInt64, _ task: UInt64) {
        running[thread] = task
        add(.runBegin, time, thread, task)
    }
    public func end(_ time: UInt64, on thread: UInt64, _ reason: RunEndReason) {
        let task = running[thread] ?? 0
        add(.runEnd, time, thread, task, reason.rawValue)
        running[thread] = nil
    }
    public func block(_ time: UInt64, on thread: UInt64, _ reason: BlockReason, _ object: UInt64 = 0) {
        add(.block, time, thread, reason.rawValue, object)
    }
    /// Blocks and ends the slice at once.
    public func wait(_ time: UInt64, on thread: UInt64, _ reason: BlockReason, _ object: UInt64 = 0) {
        block(time, on: thread, reason, object)
        end(time, on: thread, .blocked)
    }
    public func unblock(_ time: UInt64, on thread: UInt64, _ task: UInt64) { add(.unblock, time, thread, task) }
    public func taskEnd(_ time: UInt64, on thread: UInt64, _ task: UInt64, _ outcome: TaskOutcome = .returned, message: String = "") {
        add(.taskEnd, time, thread, task, outcome.rawValue, list.intern(message).rawValue)
    }
    /// Ends the running task's last slice and the task.
    public func finish(_ time: UInt64, on thread: UInt64) {
        let task = running[thread] ?? 0
        taskEnd(time, on: thread, task)
        end(time, on: thread, .finished)
    }
    public func channel(_ time: UInt64, on thread: UInt64, _ id: UInt64, capacity: UInt64, name: String = "") {
        add(.channelMake, time, thread, id, capacity, list.intern(name).rawValue)
    }
    public func send(_ time: UInt64, on thread: UInt64, _ channel: UInt64, seq: UInt64) { add(.send, time, thread, channel, seq) }
    public func receive(_ time: UInt64, on thread: UInt64, _ channel: UInt64, seq: UInt64) { add(.receive, time, thread, channel, seq) }
    public func mutex(_ time: UInt64, on thread: UInt64, _ id: UInt64, name: String = "") {
        add(.mutexMake, time, thread, id, list.intern(name).rawValue)
    }
    public func request(_ time: UInt64, on thread: UInt64, _ mutex: UInt64) { add(.lockRequest, time, thread, mutex) }
    public func acquire(_ time: UInt64, on thread: UInt64, _ mutex: UInt64) { add(.lockAcquire, time, thread, mutex) }
    public func release(_ time: UInt64, on thread: UInt64, _ mutex: UInt64) { add(.lockRelease, time, thread, mutex) }
    public func sleep(_ time: UInt64, on thread: UInt64, _ duration: UInt64) {
        add(.sleep, time, thread, duration)
        wait(time, on: thread, .sleep)
    }
    public func raw(_ kind: EventKind, _ time: UInt64, on thread: UInt64, _ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0) {
        add(kind, time, thread, a0, a1, a2)
    }
    public func runFinish(_ time: UInt64, _ outcome: RunOutcome) { add(.runFinish, time, 1, outcome.rawValue) }

    public func timeline() -> Timeline {
        list.rewind()
        return try! TimelineBuilder.build(from: list)
    }
}
