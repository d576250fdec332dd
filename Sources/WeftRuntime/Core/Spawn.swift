import WeftTrace

extension RunCore {
    /// Creates a task (and under thread-per-task its thread), records `taskCreate`, and starts it. The CPU time the
    /// calling thread spends here adds to `spawnNanoseconds` (`RunReport.meanSpawnNanoseconds`) for the spawns
    /// measured (`spawnsMeasured`).
    func spawn<T: Sendable>(_ name: String, site: @autoclosure () -> String, isMain: Bool,
                            _ body: @escaping @Sendable () async throws -> T) -> TaskHandle<T> {
        let id = newTaskID()
        // Reading the thread's CPU clock is a system call (about 0.6 µs here): every spawn of a small run is
        // measured, and from the 256th task on one in 16, so that a run of 100,000 spawns is not slowed by it.
        let measured = id.rawValue < 256 || id.rawValue & 15 == 0
        let start = measured ? threadCPUNanoseconds() : 0
        let record = TaskRecord(id: id, name: name, core: self)
        let parent = ThreadLocals.currentTask?.id ?? .none
        if isTearingDown {
            if hasFinished {
                record.complete(.failure(Self.finishedError("spawn task \(id) \"\(name)\" at \(site())")))
                return TaskHandle(record: record)
            }
            if let failure = failureReason, failure.kind == .threadLimit {
                record.complete(.failure(failure))
                return TaskHandle(record: record)
            }
        }
        if let failure = scheduler.admit(record, core: self) {
            let live = registry.count
            let error = RuntimeError(kind: .threadLimit, message:
                "thread limit: could not create the OS thread for task \(id) \"\(name)\" spawned at \(site()): "
                + "\(failure.explanation) (errno \(failure.errno)); \(live) task\(live == 1 ? "" : "s") alive, "
                + "\(threads.alive.load(ordering: .relaxed)) runtime threads alive"
                + (maxThreads.map { ", RunOptions.maxThreads = \($0)" } ?? "") + "; \(Limits.describe()). "
                + "Use the multiplexed scheduler, keep fewer tasks alive at once, or raise the limit (ulimit -u).")
            fail(error)
            record.complete(.failure(error))
            return TaskHandle(record: record)
        }
        taskStarted(record)
        if let tracer {
            tracer.record(TaskCreateEvent(task: id, parent: parent, name: tracer.intern(name), site: tracer.intern(site())))
        }
        Task(executorPreference: record) {
            await record.run(body, isMain: isMain)
        }
        if measured {
            spawnNanoseconds.wrappingAdd(threadCPUNanoseconds() &- start, ordering: .relaxed)
            spawnsMeasured.wrappingAdd(1, ordering: .relaxed)
        }
        return TaskHandle(record: record)
    }
}

extension TaskRecord {
    /// The task's whole life: its body, then `taskEnd`, its result, and the run's accounting.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T, isMain: Bool) async {
        let result: Result<any Sendable, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        core.endStructuredChildren(of: self)
        if let tracer = core.tracer {
            switch result {
            case .success: tracer.record(TaskEndEvent(task: id, outcome: .returned, message: .empty))
            case .failure(let error):
                tracer.record(TaskEndEvent(task: id, outcome: .threw, message: tracer.intern(Self.describe(error))))
            }
        }
        complete(result)
        bodyFinished = true
        ThreadLocals.endReason = .finished
        core.taskEnded(self, isMain: isMain)
    }

    /// The text a thrown error is recorded with. A cancellation, the error a task most often ends with, is spelled
    /// without `String(describing:)`, whose first use in a process reflects on the type: 0.5 ms here (6 ms on a busy
    /// machine), which the trace would draw as the cancelled task running after its cancellation.
    static func describe(_ error: any Error) -> String {
        error is CancellationError ? "CancellationError()" : String(describing: error)
    }
}
