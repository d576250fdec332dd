import WeftTrace

extension TraceDiff {
    /// Compares run `a` with run `b`, matching tasks and objects by identity (see `RunIdentities`).
    /// - Parameters:
    ///   - nameA: what to call run A in reports (usually its file).
    ///   - ignoreTiming: leave every duration out: compare counts and behaviour only.
    ///   - context: how many operations (or messages) to show on each side of a divergence.
    public init(a: TracedRun, b: TracedRun, nameA: String = "A", nameB: String = "B", ignoreTiming: Bool = false,
                context: Int = 3) {
        let matching = RunMatching(a, b)
        let statsA = a.stats, statsB = b.stats
        self.a = RunLabel(name: nameA, program: a.timeline.run.program, scheduler: a.timeline.run.scheduler,
                          workers: a.timeline.run.workers)
        self.b = RunLabel(name: nameB, program: b.timeline.run.program, scheduler: b.timeline.run.scheduler,
                          workers: b.timeline.run.workers)
        ignoresTiming = ignoreTiming
        run = Self.runMetrics(a.timeline, b.timeline, statsA, statsB)
        if ignoreTiming { run.removeAll { $0.unit == .nanoseconds } }
        events = EventKind.allCases.compactMap { kind in
            let ca = a.timeline.run.count(of: kind), cb = b.timeline.run.count(of: kind)
            guard ca != 0 || cb != 0 else { return nil }
            return MetricDelta(key: "events.\(kind)", name: kind.description, unit: .count, a: UInt64(ca), b: UInt64(cb))
        }
        tasks = ignoreTiming ? [] : matching.tasks.map { pair in
            Self.taskDelta(a.identities.task(a.timeline.tasks[pair.a].id), statsA.tasks[pair.a], statsB.tasks[pair.b])
        }.sorted { $0.change != $1.change ? $0.change > $1.change : $0.identity < $1.identity }
        addedTasks = matching.addedTasks
        removedTasks = matching.removedTasks
        channels = matching.channels.map { pair in
            Self.channelDelta(a.identities.object(a.timeline.channels[pair.a].id.object),
                              statsA.channels[pair.a], statsB.channels[pair.b], ignoreTiming)
        }
        mutexes = matching.mutexes.map { pair in
            let ma = a.timeline.mutexes[pair.a], mb = b.timeline.mutexes[pair.b]
            return Self.mutexDelta(a.identities.object(ma.id.object), ma, statsA.mutexes[pair.a], a.held[ma.id.rawValue] ?? 0,
                                   mb, statsB.mutexes[pair.b], b.held[mb.id.rawValue] ?? 0, ignoreTiming)
        }
        addedObjects = matching.addedObjects
        removedObjects = matching.removedObjects
        let behaviour = BehaviourComparison(a, b, matching, context: context)
        divergences = behaviour.divergences
        sameBehaviour = behaviour.same
        let order = MessageOrderComparison(a, b, matching, context: context)
        reorderedChannels = order.divergences
        sameOrder = order.same
    }

    /// Wall time, CPU, tasks, threads, RSS, context switches, and the tasks' time by state.
    static func runMetrics(_ a: Timeline, _ b: Timeline, _ sa: RunStats, _ sb: RunStats) -> [MetricDelta] {
        func sample(_ t: Timeline, _ name: String) -> UInt64? { t.run.sample(name) }
        func cpu(_ t: Timeline) -> UInt64? {
            guard let user = sample(t, "cpu_user_ns"), let system = sample(t, "cpu_system_ns") else { return nil }
            return user.addingSaturated(system)
        }
        func switches(_ t: Timeline) -> UInt64? {
            let v = sample(t, "voluntary_ctx_switches"), i = sample(t, "involuntary_ctx_switches")
            if v == nil && i == nil { return nil }
            return (v ?? 0).addingSaturated(i ?? 0)
        }
        func total(_ s: RunStats, _ value: (TaskStats) -> UInt64) -> UInt64 { s.tasks.saturatingSum(value) }
        var rows = [
            MetricDelta(key: "wall", name: "wall time", unit: .nanoseconds, a: a.run.wallTime, b: b.run.wallTime),
            MetricDelta(key: "cpu", name: "CPU time", unit: .nanoseconds, a: cpu(a), b: cpu(b)),
            MetricDelta(key: "cpu.user", name: "CPU user", unit: .nanoseconds, a: sample(a, "cpu_user_ns"), b: sample(b, "cpu_user_ns")),
            MetricDelta(key: "cpu.system", name: "CPU system", unit: .nanoseconds, a: sample(a, "cpu_system_ns"), b: sample(b, "cpu_system_ns")),
            MetricDelta(key: "tasks", name: "tasks", unit: .count, a: UInt64(a.tasks.count), b: UInt64(b.tasks.count)),
            MetricDelta(key: "threads", name: "OS threads", unit: .count, a: UInt64(a.threadCensus.schedulerThreads),
                        b: UInt64(b.threadCensus.schedulerThreads)),
            MetricDelta(key: "threads.created", name: "threads created", unit: .count,
                        a: sample(a, "threads_created"), b: sample(b, "threads_created")),
            MetricDelta(key: "threads.peak", name: "threads peak alive", unit: .count,
                        a: sample(a, "peak_threads_alive"), b: sample(b, "peak_threads_alive")),
            MetricDelta(key: "rss", name: "peak RSS", unit: .bytes, a: a.run.peakResidentBytes, b: b.run.peakResidentBytes),
            MetricDelta(key: "switches", name: "context switches", unit: .count, a: switches(a), b: switches(b)),
            MetricDelta(key: "switches.voluntary", name: "voluntary switches", unit: .count,
                        a: sample(a, "voluntary_ctx_switches"), b: sample(b, "voluntary_ctx_switches")),
            MetricDelta(key: "switches.involuntary", name: "involuntary switches", unit: .count,
                        a: sample(a, "involuntary_ctx_switches"), b: sample(b, "involuntary_ctx_switches")),
            MetricDelta(key: "events", name: "events", unit: .count, a: UInt64(a.run.totalEvents), b: UInt64(b.run.totalEvents)),
            MetricDelta(key: "running", name: "tasks running (\(TaskSum.unit))", unit: .nanoseconds,
                        a: total(sa) { $0.running }, b: total(sb) { $0.running }),
            MetricDelta(key: "runnable", name: "tasks runnable (\(TaskSum.unit))", unit: .nanoseconds,
                        a: total(sa) { $0.runnable }, b: total(sb) { $0.runnable }),
            MetricDelta(key: "blocked", name: "tasks blocked (\(TaskSum.unit))", unit: .nanoseconds,
                        a: total(sa) { $0.blockedTotal }, b: total(sb) { $0.blockedTotal }),
            MetricDelta(key: "sleeping", name: "tasks sleeping (\(TaskSum.unit))", unit: .nanoseconds,
                        a: total(sa) { $0.sleeping }, b: total(sb) { $0.sleeping }),
        ]
        // Samples neither run recorded say nothing: leave them out rather than print two dashes.
        rows.removeAll { $0.a == nil && $0.b == nil }
        return rows
    }

    static func taskDelta(_ identity: String, _ a: TaskStats, _ b: TaskStats) -> TaskDelta {
        let metrics = [
            MetricDelta(key: "lifetime", name: "lifetime", unit: .nanoseconds, a: a.lifetime, b: b.lifetime),
            MetricDelta(key: "running", name: "running", unit: .nanoseconds, a: a.running, b: b.running),
            MetricDelta(key: "runnable", name: "runnable", unit: .nanoseconds, a: a.runnable, b: b.runnable),
            MetricDelta(key: "blocked", name: "blocked", unit: .nanoseconds, a: a.blockedTotal, b: b.blockedTotal),
            MetricDelta(key: "sleeping", name: "sleeping", unit: .nanoseconds, a: a.sleeping, b: b.sleeping),
        ]
        let reasons = Set(a.blocked.keys).union(b.blocked.keys).sorted()
        let byReason = reasons.map { r in
            MetricDelta(key: "blocked.\(r)", name: r, unit: .nanoseconds, a: a.blocked[r] ?? 0, b: b.blocked[r] ?? 0)
        }
        return TaskDelta(identity: identity, idA: a.id, idB: b.id, metrics: metrics, blockedByReason: byReason)
    }

    /// A channel's figures side by side. "waits" counts every time a task blocked on it, sending or receiving, a
    /// select's wait counted on each of its channels (`ChannelTimeline.senderWaits`, `receiverWaits`).
    static func channelDelta(_ identity: String, _ sa: ChannelStats, _ sb: ChannelStats, _ ignoreTiming: Bool) -> ObjectDelta {
        var metrics = [
            MetricDelta(key: "messages", name: "messages", unit: .count, a: UInt64(sa.messages), b: UInt64(sb.messages)),
            MetricDelta(key: "peak", name: "peak occupancy", unit: .count, a: UInt64(sa.peakOccupancy), b: UInt64(sb.peakOccupancy)),
            MetricDelta(key: "blocking", name: "waits", unit: .count,
                        a: UInt64(sa.senderWaits + sa.receiverWaits), b: UInt64(sb.senderWaits + sb.receiverWaits)),
        ]
        if (sa.tryMisses ?? 0) != 0 || (sb.tryMisses ?? 0) != 0 {
            metrics.append(MetricDelta(key: "tryMisses", name: "try misses", unit: .count,
                                       a: UInt64(sa.tryMisses ?? 0), b: UInt64(sb.tryMisses ?? 0)))
        }
        if (sa.timeouts ?? 0) != 0 || (sb.timeouts ?? 0) != 0 {
            metrics.append(MetricDelta(key: "timeouts", name: "receive timeouts", unit: .count,
                                       a: UInt64(sa.timeouts ?? 0), b: UInt64(sb.timeouts ?? 0)))
        }
        if sa.failedSends != 0 || sb.failedSends != 0 {
            metrics.append(MetricDelta(key: "failed", name: "sends on closed", unit: .count,
                                       a: UInt64(sa.failedSends), b: UInt64(sb.failedSends)))
        }
        if !ignoreTiming {
            metrics.append(MetricDelta(key: "blocked", name: "blocked", unit: .nanoseconds,
                                       a: sa.sendersBlocked + sa.receiversBlocked, b: sb.sendersBlocked + sb.receiversBlocked))
        }
        return ObjectDelta(identity: identity, idA: sa.id, idB: sb.id, metrics: metrics)
    }

    /// A mutex's figures side by side; `heldA` and `heldB` are its time held over every hold (`TracedRun.held`).
    static func mutexDelta(_ identity: String, _ ma: MutexTimeline, _ sa: MutexStats, _ heldA: UInt64, _ mb: MutexTimeline,
                           _ sb: MutexStats, _ heldB: UInt64, _ ignoreTiming: Bool) -> ObjectDelta {
        var metrics = [
            MetricDelta(key: "acquisitions", name: "acquisitions", unit: .count,
                        a: UInt64(sa.acquisitions), b: UInt64(sb.acquisitions)),
            MetricDelta(key: "contended", name: "contended", unit: .count, a: UInt64(sa.contended), b: UInt64(sb.contended)),
        ]
        if ma.isReadWrite || mb.isReadWrite {
            metrics.append(MetricDelta(key: "reads", name: "read acquisitions", unit: .count,
                                       a: UInt64(sa.readAcquisitions ?? 0), b: UInt64(sb.readAcquisitions ?? 0)))
        }
        if !ignoreTiming {
            metrics.append(MetricDelta(key: "wait", name: "wait", unit: .nanoseconds, a: sa.wait.total, b: sb.wait.total))
            metrics.append(MetricDelta(key: "hold", name: "held", unit: .nanoseconds,
                                       a: heldA, b: heldB))
        }
        return ObjectDelta(identity: identity, idA: sa.id, idB: sb.id, metrics: metrics)
    }
}
