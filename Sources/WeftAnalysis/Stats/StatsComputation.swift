import WeftTrace

extension RunStats {
    /// Computes every table from the model: its intervals, slices, messages and holds go through the same
    /// `RunStatsAccumulator` that `TimelineBuilder.summarize` feeds while it reads a trace.
    public init(_ timeline: Timeline) {
        var accumulator = RunStatsAccumulator()
        accumulator.keepsWokenWaits = WokenThreadLatency.applies(to: timeline.run)
        accumulator.keepsPoolSpans = PoolIdleAtEnd.applies(to: timeline.run)
        for task in timeline.tasks {
            for interval in task.intervals { accumulator.add(interval, of: task.id) }
        }
        for thread in timeline.threads {
            for slice in thread.slices { accumulator.add(slice, on: thread.id) }
        }
        for flow in timeline.flows { accumulator.add(flow) }
        for mutex in timeline.mutexes {
            for hold in mutex.holds { accumulator.add(hold, of: mutex.id) }
            accumulator.add(readHolds: mutex.readHolds, of: mutex.id.rawValue)
        }
        for semaphore in timeline.semaphores {
            for change in semaphore.changes { accumulator.add(change, of: semaphore.id.rawValue) }
        }
        for timer in timeline.timers {
            for tick in timer.ticks { accumulator.add(tick, of: timer.id.rawValue) }
        }
        for sample in timeline.run.samples { accumulator.add(sample) }
        self.init(accumulator, timeline)
    }

    /// Every table, from what `accumulator` gathered of the run's intervals, slices, messages, holds, read holds,
    /// permit changes, ticks and samples, and from the rest of `timeline` (its tasks, threads and objects; their
    /// per-event lists are not read; of its samples, only the largest and the last of each name).
    init(_ accumulator: RunStatsAccumulator, _ timeline: Timeline) {
        let end = timeline.run.end
        var latency = accumulator.latency
        var taskStats: [TaskStats] = []
        taskStats.reserveCapacity(timeline.tasks.count)
        for task in timeline.tasks {
            var s = TaskStats(id: task.id.rawValue, name: task.name, lifetime: task.lifetime(traceEnd: end), running: 0,
                              runnable: 0, blocked: BlockedTimes(), sleeping: 0, slices: 0, finished: task.ended != nil)
            if let failure = task.failure(in: timeline.run), let ended = task.ended {
                s.failure = failure
                s.failedAt = ended &- timeline.run.start
            }
            if let tally = accumulator.task(task.id) {
                s.running = tally.running
                s.runnable = tally.runnable
                s.sleeping = tally.sleeping
                s.slices = tally.slices
                for (reason, time) in tally.blocked { s.blocked.add(time, for: reason) }
                // Runnable → running transitions of zero length were dropped as intervals; count them as zero latency.
                latency.add(0, times: tally.slices - tally.measured)
            }
            taskStats.append(s)
        }

        let tasksRun = accumulator.tasksRun { timeline.index(of: $0) != nil }
        let threadStats = timeline.threads.map { thread in
            let position = accumulator.threadPosition(thread.id)
            let tally = position.map { accumulator.threads[$0] } ?? RunStatsAccumulator.ThreadTally()
            return ThreadStats(id: thread.id.rawValue, label: thread.label, tid: thread.tid, role: thread.role.description,
                               alive: (thread.stopped ?? end) &- thread.started, busy: tally.busy, slices: tally.slices,
                               tasksRun: position.map { tasksRun[$0] } ?? 0,
                               migrationsIn: tally.migrations)
        }

        let channelStats = timeline.channels.map { c in
            ChannelStats(id: c.id.rawValue, label: c.label, capacity: c.capacity, messages: c.sends,
                         peakOccupancy: c.peakOccupancy, failedSends: c.failedSends, sendersBlocked: c.senderWaits.time,
                         receiversBlocked: c.receiverWaits.time, senderWaits: c.senderWaits.count,
                         receiverWaits: c.receiverWaits.count,
                         inFlight: Percentiles(accumulator.inFlight[c.id.rawValue] ?? DurationHistogram()),
                         tryMisses: c.trySendMisses + c.tryReceiveMisses == 0 ? nil : c.trySendMisses + c.tryReceiveMisses,
                         timeouts: c.receiveTimeouts == 0 ? nil : c.receiveTimeouts)
        }
        let mutexStats = timeline.mutexes.map { m in
            let tally = accumulator.mutexes[m.id.rawValue] ?? RunStatsAccumulator.MutexTally()
            return MutexStats(id: m.id.rawValue, label: m.label, acquisitions: tally.acquisitions,
                              contended: tally.contended, wait: Percentiles(tally.wait), hold: Percentiles(tally.hold),
                              readAcquisitions: m.isReadWrite ? accumulator.readers[m.id.rawValue]?.acquisitions ?? 0 : nil)
        }

        let r = timeline.run
        let resident = r.counter(.residentBytes), threadsAlive = r.counter(.threadsAlive)
        run = RunSummary(program: r.program, scheduler: r.scheduler, workers: r.workers, wallTime: r.wallTime,
                         outcome: r.outcome?.description, tasks: timeline.tasks.count,
                         threads: timeline.threadCensus.schedulerThreads, threadCensus: timeline.threadCensus,
                         events: r.totalEvents, dropped: r.dropped, anomalies: r.anomalyCount,
                         peakRSSBytes: r.peakResidentBytes, cpuUser: r.sample("cpu_user_ns"),
                         cpuSystem: r.sample("cpu_system_ns"), peakThreadsAlive: r.sample("peak_threads_alive"),
                         sampledPeakRSSBytes: resident?.peak, sampledPeakThreads: threadsAlive?.peak,
                         samplesTaken: max(accumulator.samplesTaken[SampleName.residentBytes.rawValue] ?? 0,
                                           accumulator.samplesTaken[SampleName.threadsAlive.rawValue] ?? 0),
                         virtualTime: r.hasVirtualTime ? true : nil)
        run.cancellations = timeline.cancellations.isEmpty ? nil : Set(timeline.cancellations.map(\.task)).count
        run.cpuStarved = r.cpuStarved == 0 ? nil : r.cpuStarved
        if WokenThreadLatency.applies(to: r), let cores = r.cores {
            let latency = accumulator.wokenWaits.total(cores: cores)
            run.wokenThreadLatency = latency == 0 ? nil : latency
        }
        if PoolIdleAtEnd.applies(to: r), let main = PoolIdleAtEnd.main(timeline), let wait = accumulator.lastBlocked[main.id],
           let idle = PoolIdleAtEnd(window: wait, pool: timeline.threads.filter { $0.role == .worker }.map {
               accumulator.poolSlices[$0.id] ?? [] }, ready: accumulator.poolReady, label: { timeline.task($0)?.label ?? $0.description }) {
            run.poolIdleAtEnd = idle.idle
            run.poolIdleRunner = idle.runner
        }
        if let parts = WallTimeParts(timeline) {
            (run.beforeMain, run.mainLifetime, run.afterMain) = (parts.beforeMain, parts.main, parts.afterMain)
        }
        let primitiveStats = PrimitiveStats.all(in: timeline, tallies: accumulator)
        primitives = primitiveStats.isEmpty ? nil : primitiveStats
        let actorStats = ActorStats.all(in: timeline, waits: accumulator.waits)
        actors = actorStats.isEmpty ? nil : actorStats
        tasks = taskStats
        threads = threadStats
        channels = channelStats
        mutexes = mutexStats
        schedulerLatency = Percentiles(latency)
    }
}
