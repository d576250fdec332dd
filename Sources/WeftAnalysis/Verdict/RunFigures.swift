import WeftTrace

/// The measured figures of one run that a verdict compares: what `weft compare` and the contrast picture both know.
public struct RunFigures: Sendable, Equatable {
    /// "multiplexed" or "thread-per-task".
    public var scheduler: String
    /// The run's wall time (ns).
    public var wallTime: UInt64
    /// OS threads the scheduler used (the caller of `Weft.run` apart).
    public var threads: Int
    /// Peak resident memory in bytes (`RunInfo.peakResidentBytes`), when recorded.
    public var peakMemory: UInt64?
    /// Tasks, main included.
    public var tasks: Int
    /// Worker threads of a multiplexed scheduler.
    public var workers: Int?
    /// Online cores of the machine that ran it, when recorded.
    public var cores: Int?
    /// How it ended when it did not complete ("deadlocked"), else nil.
    public var problem: String?
    /// How long creating the tasks took (ns): from the first task another task created to the last, less the time
    /// a lone creator spent blocked or asleep in between (`spawning(_:)`); nil with fewer than two such tasks. The
    /// creator's own wait to start is not in it.
    public var spawning: UInt64?
    /// Time (ns) in which no thread of the run recorded anything, its periodic sampler (due every interval) silent
    /// too, while no more of its tasks ran than the machine has cores: the process was paused by the machine (another
    /// process, the hypervisor), not by its scheduler (`MachineStalls`). Zero when none was seen or the trace has too
    /// few samples to tell.
    public var stalled: UInt64
    /// Wall time (ns) in which a pool thread had work in its queue and the OS did not run it (`FrozenPoolThreads`,
    /// the stretches' union); zero under thread-per-task or when none was seen.
    public var frozenPoolThread: UInt64
    /// The wall time cut where main began and ended (`WallTimeParts`), when the run had a main task that ended.
    public var wallParts: WallTimeParts?
    /// The wall times of every run when this one was the median of several runs of the same program under the same
    /// scheduler (`weft compare --repeat`); nil for a single run.
    public var wallRuns: WallTimeRuns?
    /// The task that created every other task ("main"), when one did; nil when several did or there are none.
    public var spawner: String?
    /// Task-to-task wake-ups and how long the woken waited to run; nil when none was seen.
    public var handoffs: Handoffs?
    /// New tasks' waits to start, from creation to first running, on the critical path (ns), and the part of it that
    /// was the first task's (main's) own; nil when none was on it.
    public var startUps: StartUps?
    /// How the run's threads shared the machine's cores; nil when the cores are unknown.
    public var coreUse: CoreUse?
    /// CPU time (user + system, ns) the process used during the run, when recorded.
    public var cpuTime: UInt64?
    /// The part of `cpuTime` spent in the kernel (ns), when recorded: under thread-per-task, mostly OS threads being
    /// put to sleep and woken.
    public var systemTime: UInt64?
    /// Time (ns) the run's threads spent running tasks, summed over threads: what the trace counts as running.
    public var busy: UInt64
    /// What the tasks on the path that set the wall time waited for (`PathWaits`); nil when not measured.
    public var pathWaits: PathWaits?
    /// The most scheduler threads alive at once, when measured (a run that starts and ends threads as it goes has
    /// fewer at once than it used).
    public var peakThreads: Int?
    /// Every task's time ready to run but not running, summed over the run's tasks: the "runnable" column of
    /// `weft stats`, and the figure a panel's Tasks header opens with ("each task waited 26.6 ms on average"); under
    /// a pool, waits in its queue; under thread-per-task, waits for a task's new thread to start or for a woken thread
    /// to run. Nil when not measured.
    public var waitingToRun: TaskSum?
    /// Time (ns) tasks were "running" on a thread whose CPU clock stood still, summed over threads (`CPUStarvation`,
    /// `RunInfo.cpuStarved`; `weft stats` prints it as "no CPU"): waits for a CPU from the OS.
    public var cpuStarved: UInt64
    /// Every task's time blocked or asleep, summed over the run's tasks (the "blocked" and "sleeping" columns of
    /// `weft stats`): under thread-per-task, time each task held its OS thread without running. Nil when not measured.
    public var waiting: TaskSum?
    /// The time (ns) the task that created every other task (`spawner`) was ready to run but not running, as
    /// `weft stats` prints in its "runnable" column; nil without one spawner.
    public var spawnerReady: UInt64?
    /// The task whose work the others waited on most (`Pacer`), when one did.
    public var pacer: Pacer?
    /// The actor or lock that set the run's pace (`Bottleneck`), when one did.
    public var bottleneck: Bottleneck?
    /// Pool threads free at the end while the last work ran on others (`PoolIdleAtEnd`), when any were.
    public var poolIdleAtEnd: PoolIdleAtEnd?

    public init(scheduler: String, wallTime: UInt64, threads: Int, peakMemory: UInt64? = nil, tasks: Int,
                workers: Int? = nil, cores: Int? = nil, problem: String? = nil, spawning: UInt64? = nil,
                stalled: UInt64 = 0, frozenPoolThread: UInt64 = 0, wallParts: WallTimeParts? = nil, wallRuns: WallTimeRuns? = nil, spawner: String? = nil,
                handoffs: Handoffs? = nil, startUps: StartUps? = nil, coreUse: CoreUse? = nil, cpuTime: UInt64? = nil,
                systemTime: UInt64? = nil, busy: UInt64 = 0, pathWaits: PathWaits? = nil, peakThreads: Int? = nil,
                waitingToRun: TaskSum? = nil, cpuStarved: UInt64 = 0, waiting: TaskSum? = nil, spawnerReady: UInt64? = nil,
                pacer: Pacer? = nil, bottleneck: Bottleneck? = nil, poolIdleAtEnd: PoolIdleAtEnd? = nil) {
        self.scheduler = scheduler
        self.wallTime = wallTime
        self.threads = threads
        self.peakMemory = peakMemory
        self.tasks = tasks
        self.workers = workers
        self.cores = cores
        self.problem = problem
        self.spawning = spawning
        self.stalled = stalled
        self.frozenPoolThread = frozenPoolThread
        self.wallParts = wallParts
        self.wallRuns = wallRuns
        self.spawner = spawner
        self.handoffs = handoffs
        self.startUps = startUps
        self.coreUse = coreUse
        self.cpuTime = cpuTime
        self.systemTime = systemTime
        self.busy = busy
        self.pathWaits = pathWaits
        self.peakThreads = peakThreads
        self.waitingToRun = waitingToRun
        self.cpuStarved = cpuStarved
        self.waiting = waiting
        self.spawnerReady = spawnerReady
        self.pacer = pacer
        self.bottleneck = bottleneck
        self.poolIdleAtEnd = poolIdleAtEnd
    }

    /// How much of the time the trace counts as running was spent waiting for a CPU (ns): the threads' running time
    /// beyond the CPU time the process got. Nil without a CPU time.
    public var cpuWait: UInt64? {
        guard let cpuTime else { return nil }
        return busy > cpuTime ? busy - cpuTime : 0
    }

    /// The wall time as a spread: every run's when there were several, else this run's alone.
    public var walls: Spread<UInt64> { wallRuns?.spread ?? Spread(single: wallTime) }

    /// The process's CPU time during the run (user + system), from the run's closing samples.
    public static func cpuTime(_ run: RunInfo) -> UInt64? {
        guard let user = run.sample(SampleName.cpuUserNanoseconds.rawValue),
              let system = run.sample(SampleName.cpuSystemNanoseconds.rawValue) else { return nil }
        return user &+ system
    }

    /// The name of the one task that created all the others ("main"), when there is one.
    public static func spawner(_ timeline: Timeline) -> String? {
        guard let parent = spawnerID(timeline), let task = timeline.task(parent) else { return nil }
        return task.name.isEmpty ? task.label : task.name
    }

    /// The one task that created all the others, when there is one.
    static func spawnerID(_ timeline: Timeline) -> TaskID? {
        guard timeline.tasks.count >= 2 else { return nil }
        let parents = Set(timeline.tasks.lazy.map(\.parent).filter { $0 != .none })
        guard parents.count == 1, let parent = parents.first, timeline.task(parent) != nil else { return nil }
        return parent
    }

    /// How long creating the tasks took: from the creation of the first task that another task created to the last
    /// one's, when there are at least two. With one creator, the time it spent blocked or asleep in that window is
    /// left out, as it created nothing then. The window starts at the first spawn, not at the creator's own creation:
    /// a creator whose thread was slow to start (main under thread-per-task) had not begun creating anything.
    public static func spawning(_ timeline: Timeline) -> UInt64? {
        var first = UInt64.max, last: UInt64 = 0, created = 0
        var parents = Set<TaskID>()
        for task in timeline.tasks where task.parent != .none {
            first = min(first, task.created)
            last = max(last, task.created)
            created += 1
            parents.insert(task.parent)
        }
        guard created >= 2, last > first else { return created >= 2 ? 0 : nil }
        guard parents.count == 1, let parent = parents.first, let creator = timeline.task(parent) else { return last - first }
        var idle: UInt64 = 0
        for interval in creator.intervals.overlapping(first ..< last) {
            switch interval.state.category {
            case .blocked, .sleeping:
                idle += min(interval.end, last) - max(interval.start, first)
            default:
                break
            }
        }
        return last - first - min(idle, last - first)
    }

    /// How long the run stood still (`stalled`): the machine's stalls of the process (`MachineStalls`), summed.
    public static func stalled(_ timeline: Timeline) -> UInt64 {
        MachineStalls(timeline).total
    }
}

extension RunFigures {
    /// The figures of a modelled run: wall time, scheduler threads, peak RSS (`RunInfo.peakResidentBytes`), tasks,
    /// workers, cores, outcome, time spent creating tasks and by whom, machine stalls, frozen pool threads, the wall
    /// time's parts around main, hand-offs and their waits, new tasks' waits to start, the cores' sharing, the waits on
    /// the critical path, the most threads alive at once.
    public init(_ timeline: Timeline) {
        let run = timeline.run
        let path = CriticalPath(timeline)
        var problem: String?
        if let outcome = run.outcome, outcome != .completed { problem = outcome.description }
        self.init(scheduler: run.scheduler.isEmpty ? "unknown scheduler" : run.scheduler, wallTime: run.wallTime,
                  threads: timeline.threadCensus.schedulerThreads, peakMemory: run.peakResidentBytes,
                  tasks: timeline.tasks.count,
                  workers: run.scheduler == "thread-per-task" ? nil : run.workers, cores: run.cores, problem: problem,
                  spawning: Self.spawning(timeline), stalled: Self.stalled(timeline),
                  frozenPoolThread: FrozenPoolThreads(timeline).wallTime, wallParts: WallTimeParts(timeline), spawner: Self.spawner(timeline),
                  handoffs: Handoffs(timeline, path: path), startUps: StartUps(timeline, path: path),
                  coreUse: run.cores.map { CoreUse(timeline.threads, cores: $0) }, cpuTime: Self.cpuTime(run),
                  systemTime: run.sample(SampleName.cpuSystemNanoseconds.rawValue),
                  busy: timeline.threads.reduce(0) { $0 &+ $1.busy }, pathWaits: PathWaits(path: path),
                  peakThreads: Self.peakThreads(timeline))
        var ready = TaskSum(), waiting = TaskSum()
        for task in timeline.tasks {
            let times = task.timeByCategory()
            ready.add(times[TaskStateCategory.runnable.rawValue])
            waiting.add(times[TaskStateCategory.blocked.rawValue] &+ times[TaskStateCategory.sleeping.rawValue])
        }
        waitingToRun = ready
        self.waiting = waiting
        cpuStarved = run.cpuStarved
        spawnerReady = Self.spawnerID(timeline).flatMap { timeline.task($0) }
            .map { $0.timeByCategory()[TaskStateCategory.runnable.rawValue] }
        pacer = Pacer(timeline)
        bottleneck = Bottleneck(timeline)
        poolIdleAtEnd = PoolIdleAtEnd(timeline)
    }

    /// The most scheduler threads (the caller of `Weft.run` apart) alive at once: started and not yet stopped.
    public static func peakThreads(_ timeline: Timeline) -> Int {
        var changes: [(time: UInt64, step: Int)] = []
        for thread in timeline.threads where thread.role != .main {
            changes.append((thread.started, 1))
            if let stopped = thread.stopped { changes.append((stopped, -1)) }
        }
        // A thread that stopped as another started does not count twice: stops first.
        changes.sort { $0.time != $1.time ? $0.time < $1.time : $0.step < $1.step }
        var alive = 0, peak = 0
        for change in changes {
            alive += change.step
            peak = max(peak, alive)
        }
        return peak
    }
}
