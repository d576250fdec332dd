import WeftTrace

/// A thread-per-task run on two cores in which the OS gave a running thread no CPU, by its CPU clock: main runs one
/// slice on T2 from 30 ns to 7.5 ms; the timer thread T3 reads T2's CPU clock (`threadCPU`) at 1, 2, 6 and 7 ms. From
/// 2 to 6 ms it advances by 0.1 ms (of 4 ms); elsewhere by about as much as the wall time.
public enum CPUStarvedThreadTrace {
    /// The trace; with `split`, main's slice ends at 3 ms and a second one begins at 3.5 ms, so that the readings at
    /// 2 and 6 ms fall in two slices.
    public static func make(split: Bool = false) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "thread-per-task")
        s.meta(0, "cores", "2")
        s.create(10, on: 1, 1, name: "main")
        s.thread(20, 2, tid: 6001, role: .taskThread, index: 1)
        s.begin(30, on: 2, 1)
        s.thread(40, 3, tid: 6002, role: .timer, index: 0)
        s.raw(.threadCPU, 1_000_000, on: 3, 2, 950_000)
        s.raw(.threadCPU, 2_000_000, on: 3, 2, 1_940_000)
        if split {
            s.end(3_000_000, on: 2, .yielded)
            s.begin(3_500_000, on: 2, 1)
        }
        s.raw(.threadCPU, 6_000_000, on: 3, 2, 2_040_000)
        s.raw(.threadCPU, 7_000_000, on: 3, 2, 3_030_000)
        s.finish(7_500_000, on: 2)
        s.runFinish(7_600_000, .completed)
        return s
    }
}
