import WeftTrace

/// The text form of `RunStats`: the tables `weft stats` prints.
public struct StatsReport: Sendable {
    /// The rows each table shows at most (the rest is counted in a footer).
    public var top: Int
    /// When set, only tasks whose name contains it (or whose id, `t7`, equals it) are listed.
    public var taskFilter: String?

    public init(top: Int = 10, taskFilter: String? = nil) {
        self.top = top
        self.taskFilter = taskFilter
    }

    /// Every table, in reading order: run, scheduler latency, tasks, threads, channels, mutexes, other primitives,
    /// actors.
    public func render(_ stats: RunStats) -> String {
        var out = runTable(stats.run, tasks: stats.tasks).render()
        out += "\n" + latencyTable(stats.schedulerLatency).render()
        out += "\n" + taskTable(stats.tasks).render()
        if stats.tasks.contains(where: { $0.failure != nil }) { out += "\n" + failureTable(stats.tasks).render() }
        out += "\n" + threadTable(stats.threads).render()
        if !stats.channels.isEmpty { out += "\n" + channelTable(stats.channels).render() }
        if !stats.mutexes.isEmpty { out += "\n" + mutexTable(stats.mutexes).render() }
        if let primitives = stats.primitives, !primitives.isEmpty { out += "\n" + primitiveTable(primitives).render() }
        if let actors = stats.actors, !actors.isEmpty { out += "\n" + actorTable(actors).render() }
        return out
    }

    /// The run at a glance, as key/value rows; with the run's `tasks`, also their waits summed over them (the figures a
    /// verdict quotes: `RunFigures.waitingToRun` and `RunFigures.waiting`).
    public func runTable(_ run: RunSummary, tasks: [TaskStats] = []) -> TextTable {
        var table = TextTable(title: "run", ["", ""], alignments: [.left, .left])
        table.headers = ["what", "value"]
        if !run.program.isEmpty { table.append(["program", run.program]) }
        table.append(["scheduler", run.scheduler.isEmpty ? "?" : run.scheduler + (run.workers.map { ", \($0) workers" } ?? "")])
        if run.virtualTime == true {
            table.append(["virtual time", DurationFormat.format(run.wallTime) + " (deterministic schedule, not measured)"])
        } else {
            var wall = DurationFormat.format(run.wallTime)
            if let before = run.beforeMain, let main = run.mainLifetime, let after = run.afterMain {
                wall += " = \(DurationFormat.format(before)) before main + \(DurationFormat.format(main)) main + "
                    + "\(DurationFormat.format(after)) after"
            }
            table.append(["wall time", wall])
        }
        table.append(["outcome", run.outcome ?? "unknown (no runFinish)"])
        table.append(["tasks", "\(run.tasks)"])
        table.append(["threads", run.threadCensus.description + (run.peakThreadsAlive.map { " (peak alive \($0))" } ?? "")])
        table.append(["events", "\(run.events)"])
        table.append(["dropped", "\(run.dropped)"])
        if let rss = run.peakRSSBytes { table.append(["peak RSS", ByteFormat.format(rss)]) }
        if run.samplesTaken > 0 {
            var peaks: [String] = []
            if let rss = run.sampledPeakRSSBytes { peaks.append("RSS \(ByteFormat.format(rss))") }
            if let threads = run.sampledPeakThreads { peaks.append("threads \(threads)") }
            table.append(["sampled peak", peaks.joined(separator: ", ") + " (\(run.samplesTaken) samples)"])
        }
        if let user = run.cpuUser, let system = run.cpuSystem {
            table.append(["CPU", "\(DurationFormat.format(user)) user, \(DurationFormat.format(system)) system"])
        }
        if let starved = run.cpuStarved {
            table.append(["no CPU", "\(DurationFormat.format(starved)) “running” while the thread's CPU clock stood still"
                + " (summed over threads; drawn as waiting for a CPU)"])
        }
        if !tasks.isEmpty {
            var ready = TaskSum(), waiting = TaskSum()
            for task in tasks {
                ready.add(task.runnable)
                waiting.add(task.blockedTotal &+ task.sleeping)
            }
            // Keys no wider than the others, so that the column keeps its width.
            table.append(["runnable", ready.description])
            if let latency = run.wokenThreadLatency {
                let share = TaskSum(total: latency, tasks: ready.tasks)
                table.append(["wake-up", "\(DurationFormat.format(share.perTask)) per task of it (\(DurationFormat.format(latency)) "
                    + "\(TaskSum.unit)): woken, waiting for the OS to run the task's thread while a core was free"])
            }
            table.append(["waiting", "blocked or asleep: " + waiting.description])
        }
        if let idle = run.poolIdleAtEnd {
            table.append(["pool idle", "\(DurationFormat.format(idle)) in main's last wait: pool threads free with no task "
                + "to run while \(run.poolIdleRunner ?? "another task") ran (summed over the free threads)"])
        }
        if let cancelled = run.cancellations { table.append(["cancelled", "\(cancelled) task\(cancelled == 1 ? "" : "s")"]) }
        if run.anomalies > 0 { table.append(["anomalies", "\(run.anomalies) (events that did not add up)"]) }
        return table
    }

    /// Scheduler latency: runnable → running.
    public func latencyTable(_ p: Percentiles) -> TextTable {
        var table = TextTable(title: "scheduler latency (runnable → running)", ["count", "p50", "p90", "p99", "max"])
        table.alignments = [.right, .right, .right, .right, .right]
        table.append(["\(p.count)", DurationFormat.format(p.p50), DurationFormat.format(p.p90),
                      DurationFormat.format(p.p99), DurationFormat.format(p.max)])
        return table
    }

    /// Tasks, busiest first: each state's time and share of the lifetime.
    public func taskTable(_ tasks: [TaskStats]) -> TextTable {
        var selected = tasks
        if let filter = taskFilter {
            let pattern = TaskPattern(filter)
            selected = tasks.filter { pattern.matches(name: $0.name, id: TaskID($0.id).description) || "\($0.id)" == filter }
        }
        // The top rows only, picked without sorting every task (a run may have millions).
        var busiest = EarliestFindings<TaskStats>(limit: top) { $0.running != $1.running ? $0.running > $1.running : $0.id < $1.id }
        for task in selected { busiest.add(task) }
        var table = TextTable(title: "tasks (by running time)",
                              ["task", "lifetime", "running", "runnable", "blocked", "sleeping", "slices", "blocked on"])
        table.alignments[7] = .left
        func cell(_ part: UInt64, _ total: UInt64) -> String {
            "\(DurationFormat.format(part)) \(DurationFormat.percent(part, of: total))"
        }
        for t in busiest.first {
            let reasons = t.blocked.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(3).map { "\($0.key) \(DurationFormat.format($0.value))" }.joined(separator: ", ")
            let name = TaskID(t.id).description + (t.name.isEmpty ? "" : " \(t.name)") + (t.finished ? "" : " (alive)")
            table.append([name, DurationFormat.format(t.lifetime), cell(t.running, t.lifetime), cell(t.runnable, t.lifetime),
                          cell(t.blockedTotal, t.lifetime), cell(t.sleeping, t.lifetime), "\(t.slices)", reasons])
        }
        table.footer = footer(shown: min(top, selected.count), of: selected.count,
                              filtered: taskFilter.map { "matching \"\($0)\"" })
        return table
    }

    /// The tasks that failed (ended by throwing), in the order they failed: when, and the error.
    public func failureTable(_ tasks: [TaskStats]) -> TextTable {
        var table = TextTable(title: "failed tasks (ended by throwing)", ["task", "failed at", "error"])
        table.alignments[2] = .left
        var failed = EarliestFindings<TaskStats>(limit: top) { ($0.failedAt ?? 0, $0.id) < ($1.failedAt ?? 0, $1.id) }
        for task in tasks where task.failure != nil { failed.add(task) }
        for t in failed.first {
            let name = TaskID(t.id).description + (t.name.isEmpty ? "" : " \(t.name)")
            table.append([name, DurationFormat.format(t.failedAt ?? 0), t.failure.map { $0.isEmpty ? "(no message)" : $0 } ?? ""])
        }
        table.footer = footer(shown: min(top, failed.count), of: failed.count, filtered: nil)
        return table
    }

    /// Threads, in id order.
    public func threadTable(_ threads: [ThreadStats]) -> TextTable {
        var table = TextTable(title: "threads", ["thread", "tid", "busy", "slices", "tasks run", "migrations in"])
        let shown = threads.count <= top ? threads : threads.sorted { $0.busy > $1.busy }
        for t in shown.prefix(top) {
            table.append(["\(ThreadID(t.id)) \(t.label)", "\(t.tid)",
                          "\(DurationFormat.format(t.busy)) \(DurationFormat.percent(t.busy, of: t.alive))",
                          "\(t.slices)", "\(t.tasksRun)", "\(t.migrationsIn)"])
        }
        table.footer = footer(shown: min(top, threads.count), of: threads.count, filtered: nil)
        return table
    }

    /// Channels, most messages first.
    public func channelTable(_ channels: [ChannelStats]) -> TextTable {
        var table = TextTable(title: "channels (by messages)",
                              ["channel", "capacity", "messages", "peak occupancy", "senders blocked", "receivers blocked", "in flight p50", "max"])
        for c in channels.sorted(by: { $0.messages != $1.messages ? $0.messages > $1.messages : $0.id < $1.id }).prefix(top) {
            table.append([ChannelID(c.id).description + (c.label == ChannelID(c.id).description ? "" : " \(c.label)"),
                          c.capacity == 0 ? "0 (unbuffered)" : "\(c.capacity)", "\(c.messages)", "\(c.peakOccupancy)",
                          DurationFormat.format(c.sendersBlocked), DurationFormat.format(c.receiversBlocked),
                          DurationFormat.format(c.inFlight.p50), DurationFormat.format(c.inFlight.max)])
        }
        table.footer = footer(shown: min(top, channels.count), of: channels.count, filtered: nil)
        return table
    }

    /// Mutexes, most acquisitions first (a read-write mutex: its writers, marked "(rw-lock, writers)").
    public func mutexTable(_ mutexes: [MutexStats]) -> TextTable {
        var table = TextTable(title: "mutexes (by acquisitions)",
                              ["mutex", "acquisitions", "contended", "wait p50", "p90", "p99", "max", "hold p50", "p90", "p99", "max"])
        for m in mutexes.sorted(by: { $0.acquisitions != $1.acquisitions ? $0.acquisitions > $1.acquisitions : $0.id < $1.id }).prefix(top) {
            let f: (UInt64) -> String = { DurationFormat.format($0) }
            // A read-write mutex says so, as the picture's lock lane does; its readers are in the next table.
            table.append([MutexID(m.id).description + (m.label == MutexID(m.id).description ? "" : " \(m.label)")
                              + (m.readAcquisitions == nil ? "" : " (rw-lock, writers)"),
                          "\(m.acquisitions)", DurationFormat.percent(UInt64(m.contended), of: UInt64(m.acquisitions)),
                          f(m.wait.p50), f(m.wait.p90), f(m.wait.p99), f(m.wait.max),
                          f(m.hold.p50), f(m.hold.p90), f(m.hold.p99), f(m.hold.max)])
        }
        table.footer = footer(shown: min(top, mutexes.count), of: mutexes.count, filtered: nil)
        return table
    }

    /// Read-write mutexes' readers, semaphores, onces, tickers and timers, in that order.
    public func primitiveTable(_ primitives: [PrimitiveStats]) -> TextTable {
        var table = TextTable(title: "read locks, semaphores, onces, tickers and timers",
                              ["object", "kind", "operations", "waits", "blocked", "detail"])
        for p in primitives.prefix(top) {
            table.append([p.id + (p.label == p.id ? "" : " \(p.label)"), p.kind, "\(p.operations)", "\(p.waits)",
                          DurationFormat.format(p.blocked), p.detail])
        }
        table.footer = footer(shown: min(top, primitives.count), of: primitives.count, filtered: nil)
        return table
    }

    /// Swift actors, busiest first.
    public func actorTable(_ actors: [ActorStats]) -> TextTable {
        var table = TextTable(title: "actors (by busy time)",
                              ["actor", "jobs", "slices", "busy", "tasks served", "waits", "waited"])
        for a in actors.sorted(by: { $0.busy != $1.busy ? $0.busy > $1.busy : $0.id < $1.id }).prefix(top) {
            table.append([a.typeName.isEmpty ? "\(a.id) (an actor)" : "\(a.id) \(a.typeName)", "\(a.jobs)", "\(a.slices)",
                          DurationFormat.format(a.busy), "\(a.tasksServed)", "\(a.waits)", DurationFormat.format(a.waited)])
        }
        table.footer = footer(shown: min(top, actors.count), of: actors.count, filtered: nil)
        return table
    }

    private func footer(shown: Int, of total: Int, filtered: String?) -> String? {
        if total == 0 { return filtered.map { "no task \($0)" } ?? "none" }
        return shown < total ? "… \(total - shown) more; use --top \(total) to see all" : nil
    }
}
