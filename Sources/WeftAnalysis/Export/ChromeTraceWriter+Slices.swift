import WeftTrace

extension ChromeTraceWriter {
    /// Thread lanes: a run slice as a complete event on its thread, named after the task ("… on Cache" and an
    /// `actor` argument for a task's code on an actor); `wait`: the state its task entered, for a blocked slice.
    func writeThreadSlice(_ slice: RunSlice, on thread: ThreadID, wait: TaskState?) {
        let taskName = taskLabel(slice.task)
        var name = taskName
        var actorLabel: String?
        if let actor = slice.actor {
            let type = actorTypes[actor.rawValue] ?? ""
            name = "\(taskName) on \(type.isEmpty ? "an actor" : type)"
            actorLabel = ActorTimeline(id: actor, typeName: type).label
        }
        begin("X", name: name, cat: actorLabel == nil ? "run" : "actor", ts: slice.start, tid: track(of: thread))
        out.raw(",\"dur\":")
        out.micros(slice.duration)
        beginArguments()
        key("task")
        out.uint(slice.task.rawValue)
        key("end")
        out.string(slice.endReason?.description ?? "open")
        key("migrated")
        out.bool(slice.migrated)
        if let actorLabel {
            key("actor")
            out.string(actorLabel)
        }
        if slice.endReason == .blocked, let wait { writeWaitArguments(wait) }
        endArguments()
        end()
        summary.slices += 1
    }

    /// Task lanes: a state interval of a task as a complete event on the task's track.
    func writeTaskSlice(_ interval: StateInterval, of task: TaskID) {
        let tid = task.rawValue
        begin("X", name: interval.state.category.description, cat: "state", ts: interval.start, tid: tid)
        out.raw(",\"dur\":")
        out.micros(interval.duration)
        beginArguments()
        key("task")
        out.uint(task.rawValue)
        switch interval.state {
        case .running(let thread):
            key("thread")
            out.uint(thread.rawValue)
            key("thread_name")
            out.string(threadName(thread))
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

    /// What a blocked or sleeping task waits for: `reason`, `object`, `object_name` (or `sleep_ns`).
    func writeWaitArguments(_ state: TaskState) {
        switch state {
        case .blocked(let object, let reason):
            key("reason")
            out.string(reason?.description ?? "unknown")
            key("object")
            out.uint(object.rawValue)
            let label = waitLabel(object, reason: reason)
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

    /// What a wait is on, as the model's `Timeline.label(of:reason:)` words it: the awaited task's label for a
    /// join, the actor's label, an object's name or id.
    private func waitLabel(_ object: ObjectID, reason: BlockReason?) -> String {
        let raw = object.rawValue
        if reason == .join { return taskLabel(TaskID(raw)) }
        if reason == .actor { return ActorTimeline(id: ActorID(raw), typeName: actorTypes[raw] ?? "").label }
        if let label = objectLabels[raw] { return label }
        if let channel = channels[raw] { return channel.label }
        return object == .none ? "" : reason?.spell(object) ?? object.description
    }
}
