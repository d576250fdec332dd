import WeftAnalysis
import WeftTrace

extension RenderTimeline {
    /// The lanes, marks and links the picture shows, taken from the analysis model.
    ///
    /// Threads are ordered workers, main, task threads, timer, others; tasks by id. Links: every message
    /// (send → receive), every spawn, every contended mutex hand-over (release → next acquire), and every other
    /// wake-up by a task (wait groups, conditions, joins).
    public init(timeline: Timeline) {
        let run = timeline.run
        let peak = run.samples.filter { $0.name == "peak_rss_bytes" }.map(\.value).max()
        let program = run.program.isEmpty ? "program" : run.program
        let facts = RunFacts(program: program, scheduler: run.scheduler.isEmpty ? "unknown scheduler" : run.scheduler,
                             workers: run.workers, taskCount: timeline.tasks.count, threadCount: timeline.threads.count,
                             wallTime: run.wallTime, traceEnd: run.end, eventCount: run.totalEvents, peakRSS: peak)
        let threads = timeline.threads.sorted { a, b in
            let ra = Self.roleOrder(a.role), rb = Self.roleOrder(b.role)
            return ra != rb ? ra < rb : a.index != b.index ? a.index < b.index : a.id < b.id
        }.map { thread in
            ThreadTrack(thread: thread.id, label: Self.label(of: thread),
                        slices: thread.slices.elements.map { ThreadSlice(start: $0.start, end: $0.end, task: $0.task) },
                        lifetime: TimeSpan(thread.started, thread.stopped ?? run.end))
        }

        var position: [TaskID: Int] = [:]
        for (i, task) in timeline.tasks.enumerated() { position[task.id] = i }
        var marks = [[Mark]](repeating: [], count: timeline.tasks.count)
        var holds = [[TimeSpan]](repeating: [], count: timeline.tasks.count)
        var links: [Link] = []
        func mark(_ task: TaskID, _ time: UInt64, _ kind: Mark.Kind) {
            if let p = position[task] { marks[p].append(Mark(time: time, kind: kind)) }
        }

        for task in timeline.tasks where task.parent != .none {
            mark(task.parent, task.created, .spawn)
            links.append(Link(kind: .spawn, from: task.parent, at: task.created, to: task.id, at: task.created))
        }
        for flow in timeline.flows {
            if let sent = flow.sent { mark(flow.sender, sent, .send) }
            if let received = flow.received { mark(flow.receiver, received, .receive) }
            if let sent = flow.sent, let received = flow.received, flow.sender != .none, flow.receiver != .none {
                links.append(Link(kind: .message, from: flow.sender, at: sent, to: flow.receiver, at: received))
            }
        }
        for mutex in timeline.mutexes {
            var previous: LockHold?
            for hold in mutex.holds {
                mark(hold.task, hold.start, .lock)
                if hold.released { mark(hold.task, hold.end, .unlock) }
                if let p = position[hold.task] { holds[p].append(TimeSpan(hold.start, hold.end)) }
                if let prev = previous, prev.released, hold.contended {
                    links.append(Link(kind: .lock, from: prev.task, at: prev.end, to: hold.task, at: hold.start))
                }
                previous = hold
            }
        }
        for group in timeline.waitGroups {
            for wait in group.waits { mark(wait.task, wait.start, .wait) }
        }
        for condition in timeline.conditions {
            for wait in condition.waits { mark(wait.task, wait.start, .wait) }
        }
        for wake in timeline.wakes where wake.waker != .none {
            mark(wake.waker, wake.time, .wake)
            switch wake.reason {
            case .waitGroup?, .condition?, .join?:
                links.append(Link(kind: .wake, from: wake.waker, at: wake.time, to: wake.wakee, at: wake.time))
            default:
                break
            }
        }

        let tasks = timeline.tasks.enumerated().map { i, task in
            TaskTrack(task: task.id, name: task.name,
                      spans: task.intervals.elements.map { StateSpan(start: $0.start, end: $0.end, state: LaneState($0.state)) },
                      marks: marks[i].sorted { $0.time < $1.time }, holds: holds[i].sorted { $0.start < $1.start })
        }
        self.init(facts: facts, threads: threads, tasks: tasks, links: links)
    }

    /// "worker 1", "thread of t12", "main thread", "timer thread".
    static func label(of thread: ThreadTimeline) -> String {
        switch thread.role {
        case .worker: "worker \(thread.index)"
        case .taskThread: "thread of \(TaskID(thread.index))"
        case .main: "main thread"
        case .timer: "timer thread"
        case .other: "thread \(thread.id.rawValue)"
        }
    }

    private static func roleOrder(_ role: ThreadRole) -> Int {
        switch role {
        case .worker: 0
        case .main: 1
        case .taskThread: 2
        case .timer: 3
        case .other: 4
        }
    }
}

extension LaneState {
    /// The lane state that draws a model state.
    init(_ state: TaskState) {
        switch state {
        case .running: self = .running
        case .runnable: self = .runnable
        case .sleeping: self = .sleeping
        case .finished: self = .sleeping
        case let .blocked(reason, _):
            switch reason {
            case .channelSend?, .channelReceive?, .select?: self = .channel
            case .mutex?: self = .mutex
            case .waitGroup?: self = .waitGroup
            case .join?: self = .join
            case .condition?: self = .condition
            case .sleep?: self = .sleeping
            case nil: self = .unknown
            }
        }
    }
}
