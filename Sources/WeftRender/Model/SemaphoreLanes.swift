import WeftAnalysis
import WeftTrace

/// The lock lanes of a run's semaphores: each task's permits from its acquisition to its release (holders may
/// overlap, up to the permits), and the times tasks were blocked waiting for a permit.
enum SemaphoreLanes {
    /// One lane per semaphore that was acquired or waited for; `time` maps a trace time to the picture's.
    static func tracks(_ timeline: Timeline, end: UInt64, time t: (UInt64) -> UInt64) -> [LockTrack] {
        guard !timeline.semaphores.isEmpty else { return [] }
        // Who waited for which semaphore, and when: the tasks' blocked intervals name the semaphore's object.
        var waits: [ObjectID: [(task: TaskID, span: TimeSpan)]] = [:]
        for task in timeline.tasks {
            for interval in task.intervals.elements {
                guard case let .blocked(object, reason) = interval.state, reason == .semaphore else { continue }
                waits[object, default: []].append((task.id, TimeSpan(t(interval.start), t(interval.end))))
            }
        }
        var tracks: [LockTrack] = []
        for semaphore in timeline.semaphores {
            let waited = waits[semaphore.id.object] ?? []
            guard !semaphore.changes.isEmpty || !waited.isEmpty else { continue }
            var track = LockTrack(mutex: MutexID(semaphore.id.rawValue), label: semaphore.label, holds: [],
                                  waits: waited.map(\.span).sorted { $0.start < $1.start })
            track.kind = .semaphore
            track.waiters = Set(waited.map(\.task))
            track.readHolds = holds(semaphore.changes, end: end, time: t)
            tracks.append(track)
        }
        return tracks
    }

    /// One hold per permit: each permit acquired paired with the same task's next permit released (first acquired,
    /// first released), or held to `end`. A task that takes 2 permits at once holds two slices side by side, so that
    /// it fills two of the lane's permit rows, as it keeps two holders out.
    static func holds(_ changes: [PermitChange], end: UInt64, time t: (UInt64) -> UInt64) -> [ThreadSlice] {
        var open: [TaskID: [UInt64]] = [:]
        var holds: [ThreadSlice] = []
        for change in changes {
            if change.weight > 0 {
                open[change.task, default: []].append(contentsOf: repeatElement(change.time, count: Int(change.weight)))
            } else if var starts = open[change.task], !starts.isEmpty {
                for _ in 0..<min(Int(-change.weight), starts.count) {
                    holds.append(ThreadSlice(start: t(starts.removeFirst()), end: t(change.time), task: change.task))
                }
                open[change.task] = starts
            }
        }
        for (task, starts) in open {
            for start in starts { holds.append(ThreadSlice(start: t(start), end: t(end), task: task)) }
        }
        return holds.sorted { ($0.start, $0.task) < ($1.start, $1.task) }
    }
}
