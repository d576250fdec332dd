import WeftTrace

extension ScriptedTrace {
    /// Thread-per-task, as in the counter: b holds the lock; a waits; b unlocks (waking a) and takes the lock again
    /// before a's thread runs; a's thread runs only after b's second release, and takes the lock then.
    public static func lostLock() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "thread-per-task")
        s.thread(0, 1, tid: 101, role: .taskThread, index: 2)
        s.thread(0, 2, tid: 102, role: .taskThread, index: 3)
        s.create(0, on: 1, 2, name: "a")
        s.create(0, on: 2, 3, name: "b")
        s.mutex(0, on: 2, 9, name: "counter")
        s.begin(1_000, on: 2, 3)
        s.request(1_100, on: 2, 9)
        s.acquire(1_200, on: 2, 9)
        s.begin(2_000, on: 1, 2)
        s.request(2_100, on: 1, 9)
        s.wait(2_300, on: 1, .mutex, 9)
        s.release(10_000, on: 2, 9)
        s.unblock(10_100, on: 2, 2)
        s.request(10_200, on: 2, 9)
        s.acquire(10_300, on: 2, 9)
        s.release(20_000, on: 2, 9)
        s.finish(20_100, on: 2)
        s.begin(25_000, on: 1, 2)
        s.acquire(25_100, on: 1, 9)
        s.release(26_000, on: 1, 9)
        s.finish(26_100, on: 1)
        s.runFinish(27_000, .completed)
        return s
    }
}
