import WeftTrace

extension RunCore {
    /// Creates a task (and under thread-per-task its thread), records `taskCreate`, and starts it.
    func spawn<T: Sendable>(_ name: String, site: String, isMain: Bool,
                            _ body: @escaping @Sendable () async throws -> T) -> TaskHandle<T> {
        let start = monotonicNanoseconds()
        let id = newTaskID()
        let record = TaskRecord(id: id, name: name, core: self)
        let box = TaskBox<T>(id: id, name: name, core: self)
        let parent = ThreadLocals.currentTask?.id ?? .none
        if case .threadPerTask = scheduler {
            if let failure = failureReason, failure.kind == .threadLimit {
                box.complete(.failure(failure))
                return TaskHandle(box: box)
            }
            joinExitedThreads()
            if let failure = TaskThread.start(for: record, core: self) {
                let live = registry.count
                let error = RuntimeError(kind: .threadLimit, message:
                    "thread limit: could not create the OS thread for task \(id) \"\(name)\" spawned at \(site): "
                    + "\(failure.explanation) (errno \(failure.errno)); \(live) task\(live == 1 ? "" : "s") alive, "
                    + "\(threads.alive.load(ordering: .relaxed)) runtime threads alive"
                    + (maxThreads.map { ", RunOptions.maxThreads = \($0)" } ?? "") + "; \(Limits.describe()). "
                    + "Use the multiplexed scheduler, keep fewer tasks alive at once, or raise the limit (ulimit -u).")
                fail(error)
                box.complete(.failure(error))
                return TaskHandle(box: box)
            }
        }
        taskStarted(record)
        tracer?.record(.taskCreate, id.rawValue, parent.rawValue, string(name), string(site))
        Task(executorPreference: record) {
            await record.run(body, box: box, isMain: isMain)
        }
        spawnNanoseconds.wrappingAdd(monotonicNanoseconds() &- start, ordering: .relaxed)
        return TaskHandle(box: box)
    }
}

extension TaskRecord {
    /// The task's whole life: its body, then `taskEnd`, its result, and the run's accounting.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T, box: TaskBox<T>, isMain: Bool) async {
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        if let tracer = core.tracer {
            switch result {
            case .success: tracer.record(.taskEnd, id.rawValue, TaskOutcome.returned.rawValue, 0)
            case .failure(let error):
                tracer.record(.taskEnd, id.rawValue, TaskOutcome.threw.rawValue, tracer.intern(String(describing: error)).rawValue)
            }
        }
        box.complete(result)
        bodyFinished = true
        ThreadLocals.endReason = .finished
        core.taskEnded(self, isMain: isMain)
    }
}
