import WeftTrace

/// The text form of a critical path, for `weft stats --critical-path`.
public enum CriticalPathReport {
    /// A summary by state and by task, then the chain itself (at most `limit` segments, the longest kept in order).
    public static func render(_ path: CriticalPath, _ timeline: Timeline, limit: Int = 40) -> String {
        let wall = timeline.run.wallTime
        var out = "critical path: \(path.segments.count) segments, \(DurationFormat.format(path.length)) of "
            + "\(DurationFormat.format(wall)) wall time\n"
        let byCategory = path.timeByCategory()
        var states = TextTable(["state", "time", "share"])
        for category in TaskStateCategory.allCases where byCategory[category.rawValue] > 0 {
            states.append([category.description, DurationFormat.format(byCategory[category.rawValue]),
                           DurationFormat.percent(byCategory[category.rawValue], of: path.length)])
        }
        out += states.render()
        var tasks = TextTable(["task", "time on path", "share"])
        for (task, time) in path.timeByTask().prefix(10) {
            tasks.append([describe(task, timeline), DurationFormat.format(time), DurationFormat.percent(time, of: path.length)])
        }
        out += "\n" + tasks.render()

        var chain = TextTable(title: "\nthe chain, in time order", ["start", "duration", "task", "state"])
        chain.alignments[3] = .left
        chain.alignments[2] = .left
        var shown = Array(path.segments.indices)
        if shown.count > limit {
            shown = Array(shown.sorted { path.segments[$0].duration > path.segments[$1].duration }.prefix(limit)).sorted()
            chain.footer = "… showing the \(limit) longest of \(path.segments.count) segments"
        }
        for i in shown {
            let s = path.segments[i]
            chain.append([DurationFormat.format(s.start), DurationFormat.format(s.duration), describe(s.task, timeline),
                          describe(s.state, timeline)])
        }
        out += chain.render()
        return out
    }

    /// `t3 worker`.
    static func describe(_ task: TaskID, _ timeline: Timeline) -> String {
        let name = timeline.task(task)?.name ?? ""
        return name.isEmpty ? task.description : "\(task) \(name)"
    }

    /// `running on T2`, `runnable (woken by t1)`, `blocked: receive jobs`, `sleeping 10 ms`.
    public static func describe(_ state: TaskState, _ timeline: Timeline) -> String {
        switch state {
        case .running(let thread): return "running on \(thread)"
        case .runnable(.created): return "runnable (new)"
        case .runnable(.yielded): return "runnable (yielded)"
        case .runnable(.woken(let waker)): return "runnable (woken by \(waker == .none ? "timer" : describe(waker, timeline)))"
        case .blocked(let object, let reason):
            let what = timeline.label(of: object, reason: reason)
            return "blocked: \(reason?.description ?? "unknown")" + (what.isEmpty ? "" : " \(what)")
        case .sleeping(let duration): return "sleeping \(DurationFormat.format(duration))"
        case .finished: return "finished"
        }
    }
}
