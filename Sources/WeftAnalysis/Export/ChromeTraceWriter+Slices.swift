import WeftTrace

extension ChromeTraceWriter {
    /// Thread lanes: every run slice as a complete event on its thread, named after the task ("… on Cache" and an
    /// `actor` argument for a task's code on an actor).
    func writeThreadSlices() {
        let labels = timeline.tasks.map(\.label)
        let actors = Dictionary(timeline.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for thread in timeline.threads {
            let tid = track(of: thread.id)
            for slice in thread.slices {
                let position = timeline.index(of: slice.task)
                let taskName = position.map { labels[$0] } ?? slice.task.description
                let actor = slice.actor.map { id in actors[id] ?? ActorTimeline(id: id, typeName: "") }
                let name = actor.map { "\(taskName) on \($0.typeName.isEmpty ? "an actor" : $0.typeName)" } ?? taskName
                begin("X", name: name, cat: actor == nil ? "run" : "actor", ts: slice.start, tid: tid)
                out.raw(",\"dur\":")
                out.micros(slice.duration)
                beginArguments()
                key("task")
                out.uint(slice.task.rawValue)
                key("end")
                out.string(slice.endReason?.description ?? "open")
                key("migrated")
                out.bool(slice.migrated)
                if let actor {
                    key("actor")
                    out.string(actor.label)
                }
                if slice.endReason == .blocked, let position,
                   let i = timeline.tasks[position].intervals.index(containing: slice.end) {
                    writeWaitArguments(timeline.tasks[position].intervals[i].state)
                }
                endArguments()
                end()
                summary.slices += 1
            }
        }
    }

    /// Task lanes: every state interval of every task as a complete event on the task's track.
    func writeTaskSlices() {
        for task in timeline.tasks {
            let tid = task.id.rawValue
            for interval in task.intervals {
                begin("X", name: interval.state.category.description, cat: "state", ts: interval.start, tid: tid)
                out.raw(",\"dur\":")
                out.micros(interval.duration)
                beginArguments()
                key("task")
                out.uint(task.id.rawValue)
                switch interval.state {
                case .running(let thread):
                    key("thread")
                    out.uint(thread.rawValue)
                    if let t = timeline.thread(thread) {
                        key("thread_name")
                        out.string(trackName(of: t))
                    }
                case .runnable(let cause):
                    key("cause")
                    switch cause {
                    case .created: out.string("created")
                    case .yielded: out.string("yielded")
                    case .woken(let waker):
                        out.string("woken")
                        key("waker")
                        out.uint(waker.rawValue)
                    }
                case .blocked, .sleeping:
                    writeWaitArguments(interval.state)
                case .finished:
                    break
                }
                endArguments()
                end()
                summary.slices += 1
            }
        }
    }

    /// What a blocked or sleeping task waits for: `reason`, `object`, `object_name` (or `sleep_ns`).
    func writeWaitArguments(_ state: TaskState) {
        switch state {
        case .blocked(let object, let reason):
            key("reason")
            out.string(reason?.description ?? "unknown")
            key("object")
            out.uint(object.rawValue)
            let label = timeline.label(of: object, reason: reason)
            if !label.isEmpty {
                key("object_name")
                out.string(label)
            }
        case .sleeping(let duration):
            key("reason")
            out.string("sleep")
            key("sleep_ns")
            out.uint(duration)
        default:
            break
        }
    }
}
