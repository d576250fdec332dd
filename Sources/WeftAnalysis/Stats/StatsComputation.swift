import WeftTrace

extension RunStats {
    /// Computes every table from the model.
    public init(_ timeline: Timeline) {
        let end = timeline.run.end
        var latencies: [UInt64] = []
        var taskStats: [TaskStats] = []
        taskStats.reserveCapacity(timeline.tasks.count)
        for task in timeline.tasks {
            var s = TaskStats(id: task.id.rawValue, name: task.name, lifetime: task.lifetime(traceEnd: end), running: 0,
                              runnable: 0, blocked: [:], sleeping: 0, slices: 0, finished: task.ended != nil)
            var previousRunnable: UInt64?
            var measured = 0
            for interval in task.intervals {
                let d = interval.duration
                switch interval.state {
                case .running:
                    s.running += d
                    s.slices += 1
                    if let wait = previousRunnable {
                        latencies.append(wait)
                        measured += 1
                    }
                case .runnable:
                    s.runnable += d
                case .blocked(_, let reason):
                    s.blocked[reason?.description ?? "unknown", default: 0] += d
                case .sleeping:
                    s.sleeping += d
                case .finished:
                    break
                }
                if case .runnable = interval.state { previousRunnable = d } else { previousRunnable = nil }
            }
            // Runnable → running transitions of zero length were dropped as intervals; count them as zero latency.
            let zeroWaits = s.slices - measured
            if zeroWaits > 0 { latencies.append(contentsOf: repeatElement(0, count: zeroWaits)) }
            taskStats.append(s)
        }

        var threadStats: [ThreadStats] = []
        var seenOn = [Int](repeating: -1, count: timeline.tasks.count) // task position -> last thread that counted it
        for (th, thread) in timeline.threads.enumerated() {
            var tasksRun = 0
            var migrations = 0
            for slice in thread.slices {
                if let t = timeline.index(of: slice.task), seenOn[t] != th {
                    seenOn[t] = th
                    tasksRun += 1
                }
                if slice.migrated { migrations += 1 }
            }
            threadStats.append(ThreadStats(id: thread.id.rawValue, label: thread.label, tid: thread.tid,
                                           role: thread.role.description, alive: (thread.stopped ?? end) &- thread.started,
                                           busy: thread.busy, slices: thread.slices.count, tasksRun: tasksRun,
                                           migrationsIn: migrations))
        }

        var inFlight: [ChannelID: [UInt64]] = [:]
        for flow in timeline.flows { if let d = flow.inFlight { inFlight[flow.channel, default: []].append(d) } }
        let channelStats = timeline.channels.map { c in
            ChannelStats(id: c.id.rawValue, label: c.label, capacity: c.capacity, messages: c.sends,
                         peakOccupancy: c.peakOccupancy, failedSends: c.failedSends, sendersBlocked: c.senderWaits.time,
                         receiversBlocked: c.receiverWaits.time, senderWaits: c.senderWaits.count,
                         receiverWaits: c.receiverWaits.count, inFlight: Percentiles(inFlight[c.id] ?? []),
                         tryMisses: c.trySendMisses + c.tryReceiveMisses == 0 ? nil : c.trySendMisses + c.tryReceiveMisses,
                         timeouts: c.receiveTimeouts == 0 ? nil : c.receiveTimeouts)
        }
        let mutexStats = timeline.mutexes.map { m in
            MutexStats(id: m.id.rawValue, label: m.label, acquisitions: m.holds.count,
                       contended: m.holds.reduce(0) { $0 + ($1.contended ? 1 : 0) },
                       wait: Percentiles(m.holds.map(\.wait)),
                       hold: Percentiles(m.holds.filter(\.released).map(\.duration)),
                       readAcquisitions: m.isReadWrite ? m.readHolds.count : nil)
        }

        let r = timeline.run
        let resident = r.counter(.residentBytes), threadsAlive = r.counter(.threadsAlive)
        run = RunSummary(program: r.program, scheduler: r.scheduler, workers: r.workers, wallTime: r.wallTime,
                         outcome: r.outcome?.description, tasks: timeline.tasks.count,
                         threads: timeline.threadCensus.schedulerThreads, threadCensus: timeline.threadCensus,
                         events: r.totalEvents, dropped: r.dropped, anomalies: r.anomalyCount,
                         peakRSSBytes: r.sample("peak_rss_bytes"), cpuUser: r.sample("cpu_user_ns"),
                         cpuSystem: r.sample("cpu_system_ns"), peakThreadsAlive: r.sample("peak_threads_alive"),
                         sampledPeakRSSBytes: resident?.peak, sampledPeakThreads: threadsAlive?.peak,
                         samplesTaken: max(resident?.points.count ?? 0, threadsAlive?.points.count ?? 0),
                         virtualTime: r.hasVirtualTime ? true : nil)
        run.cancellations = timeline.cancellations.isEmpty ? nil : Set(timeline.cancellations.map(\.task)).count
        let primitiveStats = PrimitiveStats.all(in: timeline)
        primitives = primitiveStats.isEmpty ? nil : primitiveStats
        let actorStats = ActorStats.all(in: timeline)
        actors = actorStats.isEmpty ? nil : actorStats
        tasks = taskStats
        threads = threadStats
        channels = channelStats
        mutexes = mutexStats
        schedulerLatency = Percentiles(latencies)
    }
}
