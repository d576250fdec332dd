import WeftTrace

/// The stretches in which the machine paused the whole process: the one definition of a stall that stats, the
/// comparison table, the verdicts, diff and the pictures share (`RunFigures.stalled` is their sum).
///
/// The runtime's sampler records resident memory every interval (1 ms) from its own timer thread. Where two of its
/// samples lie more than `silentIntervals` usual intervals (the median gap) apart, the longest stretch inside with no
/// event of any thread (no task changing state, no thread starting, stopping, running a slice or being woken) is a
/// stall when it too lasts more than `silentIntervals` intervals, some task could run in it (running or runnable
/// through it, or asleep with its wake-up time due before it ended), and no more tasks were running through it than
/// the machine has cores. A silence in which every task slept past it or waited is no stall: nothing of the program
/// could have run, so the machine took nothing from it. By the runtime's account no thread then waited for a core, and the sampler, which sleeps
/// between samples, takes a core from a running thread as soon as it wakes (the OS favours a thread that slept): a
/// sampler silent that long means that nothing of the process ran, because the machine (another process, the
/// hypervisor) did not run it. The tasks "running" through a stall keep their state in the model; the time was the
/// machine's, not theirs. With more tasks running than cores, the threads were sharing the cores and the sampler's
/// silence proves nothing.
public struct MachineStalls: Sendable, Equatable {
    /// The sampler must have been silent for more than this many of its usual intervals.
    public static let silentIntervals: UInt64 = 3

    /// The stalls, in time order, not overlapping (trace times, ns).
    public var stretches: [Range<UInt64>]

    public init(stretches: [Range<UInt64>]) {
        self.stretches = stretches
    }

    /// The time the process stood still (ns): the stalls' lengths summed.
    public var total: UInt64 { stretches.reduce(0) { $0 &+ UInt64($1.count) } }

    /// The stalls of `timeline`; none when it has fewer than four memory samples (too few to know the interval).
    /// Without a recorded core count, one core is assumed.
    public init(_ timeline: Timeline) {
        let times = timeline.run.samples.filter { $0.name == SampleName.residentBytes.rawValue }.map(\.time).sorted()
        stretches = []
        guard times.count >= 4 else { return }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        let usual = gaps.sorted()[gaps.count / 2]
        guard usual > 0 else { return }
        let cores = timeline.run.cores ?? 1
        for (i, gap) in gaps.enumerated() where gap > Self.silentIntervals * usual {
            let window = times[i] ..< times[i + 1]
            let (silence, running, ready) = Self.longestSilence(in: window, of: timeline)
            if UInt64(silence.count) > Self.silentIntervals * usual && running + ready > 0 && running <= cores {
                stretches.append(silence)
            }
        }
    }

    /// The longest stretch of `window` in which no thread of `timeline` recorded anything, and how many tasks were
    /// running and how many could run in it (runnable through it, or asleep and due to wake before it ended); no task
    /// changes state inside it.
    static func longestSilence(in window: Range<UInt64>, of timeline: Timeline)
        -> (Range<UInt64>, running: Int, ready: Int) {
        var marks = [window.lowerBound, window.upperBound]
        func mark(_ time: UInt64) { if window.contains(time) { marks.append(time) } }
        for task in timeline.tasks {
            mark(task.created)
            for interval in task.intervals.overlapping(window) {
                mark(interval.start)
                mark(interval.end)
            }
        }
        for thread in timeline.threads {
            mark(thread.started)
            if let stopped = thread.stopped { mark(stopped) }
            for slice in thread.slices.overlapping(window) {
                mark(slice.start)
                mark(slice.end)
            }
            for wake in thread.wakes.overlapping(window) {
                mark(wake.start)
                mark(wake.end)
            }
        }
        marks.sort()
        var silence = window.lowerBound ..< window.lowerBound
        for (from, to) in zip(marks, marks.dropFirst()) where to - from > silence.count { silence = from ..< to }
        guard !silence.isEmpty else { return (silence, 0, 0) }
        var running = 0, ready = 0
        for task in timeline.tasks {
            let through = task.intervals.overlapping(silence).filter {
                $0.start <= silence.lowerBound && $0.end >= silence.upperBound
            }
            if through.contains(where: { $0.state.category == .running }) { running += 1 }
            if through.contains(where: { interval in
                switch interval.state {
                case .runnable: true
                case let .sleeping(duration): interval.start &+ duration < silence.upperBound
                default: false
                }
            }) { ready += 1 }
        }
        return (silence, running, ready)
    }
}
