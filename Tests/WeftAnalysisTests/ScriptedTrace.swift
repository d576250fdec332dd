import Foundation
import Testing
import WeftTrace
@testable import WeftAnalysis

/// Writes a trace in Swift, event by event, keeping `Event.task` as a reader would derive it (from runBegin/runEnd).
final class ScriptedTrace {
    let list = EventList()
    private var running: [UInt64: UInt64] = [:] // thread -> task

    private func add(_ kind: EventKind, _ time: UInt64, _ thread: UInt64, _ a0: UInt64 = 0, _ a1: UInt64 = 0,
                     _ a2: UInt64 = 0, _ a3: UInt64 = 0) {
        list.append(Event(kind: kind, time: time, thread: ThreadID(thread), task: TaskID(running[thread] ?? 0),
                          args: EventArguments(a0, a1, a2, a3)))
    }

    func meta(_ time: UInt64, _ key: String, _ value: String) {
        add(.metadata, time, 1, list.intern(key).rawValue, list.intern(value).rawValue)
    }
    func thread(_ time: UInt64, _ thread: UInt64, tid: UInt64, role: ThreadRole, index: UInt64) {
        add(.threadStart, time, thread, tid, role.rawValue, index)
    }
    func create(_ time: UInt64, on thread: UInt64, _ task: UInt64, parent: UInt64 = 0, name: String = "", site: String = "") {
        add(.taskCreate, time, thread, task, parent, list.intern(name).rawValue, list.intern(site).rawValue)
    }
    func begin(_ time: UInt64, on thread: UInt64, _ task: UInt64) {
        running[thread] = task
        add(.runBegin, time, thread, task)
    }
    func end(_ time: UInt64, on thread: UInt64, _ reason: RunEndReason) {
        let task = running[thread] ?? 0
        add(.runEnd, time, thread, task, reason.rawValue)
        running[thread] = nil
    }
    func block(_ time: UInt64, on thread: UInt64, _ reason: BlockReason, _ object: UInt64 = 0) {
        add(.block, time, thread, reason.rawValue, object)
    }
    /// Blocks and ends the slice at once.
    func wait(_ time: UInt64, on thread: UInt64, _ reason: BlockReason, _ object: UInt64 = 0) {
        block(time, on: thread, reason, object)
        end(time, on: thread, .blocked)
    }
    func unblock(_ time: UInt64, on thread: UInt64, _ task: UInt64) { add(.unblock, time, thread, task) }
    func taskEnd(_ time: UInt64, on thread: UInt64, _ task: UInt64, _ outcome: TaskOutcome = .returned, message: String = "") {
        add(.taskEnd, time, thread, task, outcome.rawValue, list.intern(message).rawValue)
    }
    /// Ends the running task's last slice and the task.
    func finish(_ time: UInt64, on thread: UInt64) {
        let task = running[thread] ?? 0
        taskEnd(time, on: thread, task)
        end(time, on: thread, .finished)
    }
    func channel(_ time: UInt64, on thread: UInt64, _ id: UInt64, capacity: UInt64, name: String = "") {
        add(.channelMake, time, thread, id, capacity, list.intern(name).rawValue)
    }
    func send(_ time: UInt64, on thread: UInt64, _ channel: UInt64, seq: UInt64) { add(.send, time, thread, channel, seq) }
    func receive(_ time: UInt64, on thread: UInt64, _ channel: UInt64, seq: UInt64) { add(.receive, time, thread, channel, seq) }
    func mutex(_ time: UInt64, on thread: UInt64, _ id: UInt64, name: String = "") {
        add(.mutexMake, time, thread, id, list.intern(name).rawValue)
    }
    func request(_ time: UInt64, on thread: UInt64, _ mutex: UInt64) { add(.lockRequest, time, thread, mutex) }
    func acquire(_ time: UInt64, on thread: UInt64, _ mutex: UInt64) { add(.lockAcquire, time, thread, mutex) }
    func release(_ time: UInt64, on thread: UInt64, _ mutex: UInt64) { add(.lockRelease, time, thread, mutex) }
    func sleep(_ time: UInt64, on thread: UInt64, _ duration: UInt64) {
        add(.sleep, time, thread, duration)
        wait(time, on: thread, .sleep)
    }
    func raw(_ kind: EventKind, _ time: UInt64, on thread: UInt64, _ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0) {
        add(kind, time, thread, a0, a1, a2)
    }
    func runFinish(_ time: UInt64, _ outcome: RunOutcome) { add(.runFinish, time, 1, outcome.rawValue) }

    func timeline() -> Timeline {
        list.rewind()
        return try! TimelineBuilder.build(from: list)
    }
}

/// The text of a hand-written trace in `Traces/` (by name, without `.txt`).
func traceText(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Traces"))
    return try String(contentsOf: url, encoding: .utf8)
}

/// The timeline of a hand-written trace in `Traces/`.
func traceFile(_ name: String) throws -> Timeline {
    try TimelineBuilder.build(from: TraceText.parse(traceText(name)))
}
