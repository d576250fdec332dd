import WeftTrace

extension RunCore {
    /// Creates a task (and under thread-per-task its thread), records `taskCreate`, and starts it.
    func spawn<T: Sendable>(_ name: String, site: @autoclosure () -> String, isMain: Bool,
                            _ body: @escaping @Sendable () async throws -> T) -> TaskHandle<T> {
        let start = monotonicNanoseconds()
        let id = newTaskID()
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
        spawnNanoseconds.wrappingAdd(monotonicNanoseconds() &- start, ordering: .relaxed)
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
                tracer.record(TaskEndEvent(task: id, outcome: .threw, message: tracer.intern(String(describing: error))))
            }
        }
        complete(result)
        bodyFinished = true
        ThreadLocals.endReason = .finished
        core.taskEnded(self, isMain: isMain)
    }
}
