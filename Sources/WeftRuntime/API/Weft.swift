import CWeftSupport
import Glibc
import WeftTrace

/// Runs Weft programs.
public enum Weft {
    /// Runs `body` as the main task under the chosen scheduler, traced if a path is given, and waits for it and for
    /// every task it spawned.
    ///
    /// When the main task ends, tasks still blocked are resumed with a `.cancelled` error (as Go ends its goroutines).
    /// - Returns: the main task's value and the run's report.
    /// - Throws: `RuntimeError` — `.deadlock` (every live task blocked, no timer pending), `.threadLimit` (an OS thread
    ///   could not be created), `.stopped` (`RunOptions.stop` was requested before the run ended), `.failed` (the main task threw), `.trace` (the trace could not be written),
    ///   `.badConfiguration`. Each carries the partial report; the trace is flushed and readable. `.misuse` at once,
    ///   with no run, when called inside a task of another run (runs do not nest).
    public static func run<T: Sendable>(_ options: RunOptions = RunOptions(),
                                        _ body: @escaping @Sendable (Runtime) async throws -> T) async throws(RuntimeError) -> (value: T, report: RunReport) {
        if let error = options.configurationError { throw error }
        if let task = ThreadLocals.currentTask {
            throw RuntimeError(kind: .misuse, message: "Weft.run was called inside task \(task.id) \"\(task.name)\" of "
                + "another Weft.run: runs do not nest. Start the work with rt.spawn on the enclosing run's handle "
                + "instead, or call Weft.run from outside any Weft task.")
        }
        if case .multiplexed(let workers) = options.scheduler, workers < 1 {
            throw RuntimeError(kind: .badConfiguration, message: "the multiplexed scheduler needs at least 1 worker, not \(workers)")
        }
        let wallStart = cweft_realtime_ns()
        ResourceUsage.resetPeak()
        let usageBefore = ResourceUsage.now()

        // The run's wall time (see `RunReport.wallNanoseconds`) starts at the caller's `threadStart`, once the trace
        // exists (its clock calibrates on first use), and ends at `runFinish`.
        var tracer: TraceRecorder?
        var traceStart: UInt64 = 0
        // Under the deterministic scheduler the trace and the timers share one virtual clock.
        let virtualClock = options.scheduler.hasVirtualTime ? VirtualTraceClock() : nil
        if let path = options.tracePath {
            do {
                let recorder = try TraceRecorder(path: path, virtualClock: virtualClock)
                recorder.beginThread(role: .main, index: 0)
                traceStart = recorder.lastEventTime() ?? 0
                for (key, value) in metadata(options, wallStart: wallStart, clock: recorder.clockDescription) {
                    recorder.metadata(key, value)
                }
                tracer = recorder
            } catch {
                throw RuntimeError(kind: .trace, message: "cannot write the trace to \(path): \(error). "
                    + "Check that the directory exists and is writable, or run without a trace.")
            }
        }
        let start = monotonicNanoseconds()
        let core = RunCore(scheduler: options.scheduler, tracer: tracer, maxThreads: options.maxThreads,
                           virtualClock: virtualClock)
        core.messageOrders = options.messageOrders
        var startFailure: RuntimeError?
        do throws(RuntimeError) {
            try core.start()
        } catch {
            startFailure = error
            core.fail(error)
        }

        // The caller is one thread of the trace from its `threadStart` to its `threadStop`, even when it resumes on
        // another kernel thread after the await.
        var main: TaskHandle<T>?
        var caller: DetachedThread?
        _ = ActorLayout.isRecognized  // checked once per process, before any task of the run exists
        _ = TaskCompletionLayout.statusOffset  // the same
        _ = WaitPathWarmUp.done  // the same: the Swift runtime's first look at the wait paths' generic types
        core.swiftTaskIDFloor = SwiftJob.currentTaskID()
        GlobalExecutorHooks.runBegan(core)
        if startFailure == nil {
            let runtime = Runtime(core: core)
            let handle = core.spawn("main", site: options.programName, isMain: true) { try await body(runtime) }
            main = handle
        }
        caller = tracer?.detachThread()
        if startFailure == nil, core.tasksCreated.load(ordering: .relaxed) > 0 {  // the main task started
            options.stop?.connect { reason in core.requestStop(reason) }
            await core.waitForAllTasks()
            // A stop from outside is carried out here, on the caller's own trace thread, so that its wakes are
            // recorded by a thread the trace already knows, never by the thread that asked.
            while let reason = core.takeStopRequest() {
                if let tracer, let detached = caller { tracer.attachThread(detached) }
                core.fail(RuntimeError(kind: .stopped, message: reason))
                caller = tracer?.detachThread()
                await core.waitForAllTasks()
            }
            options.stop?.disconnect()
        }
        GlobalExecutorHooks.runEnded(core)
        core.shutdown()
        core.markFinished()

        let mainOutcome = main?.outcome
        let failure = core.failureReason
        let outcome: RunOutcome
        let message: String
        switch (failure?.kind, mainOutcome) {
        case (.deadlock?, _):
            outcome = .deadlocked
            message = failure!.message
        case (.threadLimit?, _):
            outcome = .threadLimit
            message = failure!.message
        case (.stopped?, _):
            outcome = .stopped
            message = failure!.message
        case (_, .failure(let error)?):
            outcome = .failed
            message = "the main task threw: \(error)"
        default:
            outcome = .completed
            message = ""
        }

        var report = RunReport(scheduler: options.scheduler, outcome: outcome)
        report.wallNanoseconds = virtualClock?.nanoseconds ?? (monotonicNanoseconds() &- start)
        report.tasksCreated = core.tasksCreated.load(ordering: .relaxed)
        report.threadsCreated = core.threads.created.load(ordering: .relaxed)
        report.peakThreadsAlive = core.threads.peak.load(ordering: .relaxed)
        let spawnsMeasured = core.spawnsMeasured.load(ordering: .relaxed)
        report.meanSpawnNanoseconds = spawnsMeasured == 0 ? 0
            : Double(core.spawnNanoseconds.load(ordering: .relaxed)) / Double(spawnsMeasured)
        report.tracePath = options.tracePath
        report.peakResidentBytes = max(ResourceUsage.peakRSSBytes(), core.sampledResidentPeak.load(ordering: .relaxed))

        if let tracer {
            let usage = ResourceUsage.now()
            if let caller { tracer.attachThread(caller) } else { tracer.beginThread(role: .main, index: 0) }
            tracer.record(.runFinish, outcome.rawValue, tracer.intern(message).rawValue)
            // The same span as the trace's: the caller's `threadStart` to `runFinish`, on the trace's clock.
            if let finished = tracer.lastEventTime() { report.wallNanoseconds = finished &- traceStart }
            var samples: [(String, UInt64)] = [
                ("peak_rss_bytes", report.peakResidentBytes),
                ("cpu_user_ns", usage.userNanoseconds &- usageBefore.userNanoseconds),
                ("cpu_system_ns", usage.systemNanoseconds &- usageBefore.systemNanoseconds),
                ("voluntary_ctx_switches", usage.voluntarySwitches &- usageBefore.voluntarySwitches),
                ("involuntary_ctx_switches", usage.involuntarySwitches &- usageBefore.involuntarySwitches),
                ("threads_created", UInt64(report.threadsCreated)),
                ("peak_threads_alive", UInt64(report.peakThreadsAlive)),
            ]
            // Measured figures would differ from run to run of the same schedule: a virtual-time trace keeps the counts.
            if virtualClock != nil { samples.removeAll { !$0.0.hasPrefix("threads_") && $0.0 != "peak_threads_alive" } }
            for (name, value) in samples { tracer.record(.sample, tracer.intern(name).rawValue, value) }
            tracer.endThread()
            do {
                let summary = try tracer.finish()
                report.eventsRecorded = summary.events
                report.eventsDropped = summary.dropped
                report.traceBytes = summary.bytes
            } catch {
                throw RuntimeError(kind: .trace, message: "the run ended (\(outcome)) but its trace could not be "
                    + "finished at \(tracer.path): \(error)", report: report)
            }
        }

        if let startFailure {
            var error = startFailure
            error.report = report
            throw error
        }
        if var failure {
            failure.report = report
            throw failure
        }
        switch mainOutcome {
        case .success(let value)?:
            return (value, report)
        case .failure(let error)?:
            var failed = RuntimeError(kind: .failed, message: "the main task threw: \(error)", report: report)
            failed.programError = error
            throw failed
        case nil:
            throw RuntimeError(kind: .failed, message: "the main task did not end", report: report)
        }
    }

    /// Runs `body` as `run(_:_:)` does, but rethrows the program's own error as it was thrown, so that
    /// `catch let e as MyError` matches, and hands the run's report to `report` however the run ends.
    ///
    /// ```swift
    /// var report: RunReport?
    /// do {
    ///     let answer = try await Weft.run(options, report: &report) { rt throws(ParseError) in try parse(rt) }
    /// } catch let error as ParseError {
    ///     print(error, report?.eventsRecorded ?? 0)
    /// }
    /// ```
    /// - Parameter report: set to the run's report once the run has ended (nil only when no run started: misuse or a
    ///   bad configuration).
    /// - Throws: the `E` the main task threw; otherwise a `RuntimeError` as `run(_:_:)` throws it.
    public static func run<T: Sendable, E: Error>(_ options: RunOptions = RunOptions(), report: inout RunReport?,
                                                  _ body: @escaping @Sendable (Runtime) async throws(E) -> T) async throws -> T {
        do throws(RuntimeError) {
            let (value, finished) = try await run(options) { runtime in try await body(runtime) }
            report = finished
            return value
        } catch {
            report = error.report
            if error.kind == .failed, let program = error.programError { throw program }
            throw error
        }
    }

    private static func metadata(_ options: RunOptions, wallStart: UInt64, clock: String) -> [(String, String)] {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count)
        var facts = [
            ("scheduler", options.scheduler.name),
            ("workers", options.scheduler.workers.map(String.init) ?? "0"),
            ("program", options.programName),
            ("arguments", options.arguments.joined(separator: " ")),
            ("wallclock_start_ns", String(wallStart)),
            ("host", String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)),
            ("cores", String(SchedulerKind.defaultWorkers)),
            ("clock", clock),
        ]
        if !options.summary.isEmpty { facts.append((MetadataKey.summary.rawValue, options.summary)) }
        if case .deterministic(let seed, let strategy) = options.scheduler {
            facts.append((MetadataKey.virtualTime.rawValue, "true"))
            facts.append((MetadataKey.seed.rawValue, String(seed)))
            facts.append((MetadataKey.strategy.rawValue, strategy.name))
        }
        return facts
    }
}
