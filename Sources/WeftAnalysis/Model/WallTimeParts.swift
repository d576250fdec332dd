/// A run's wall time (`RunInfo.wallTime`) cut where its main task began and ended: the start-up before main was
/// created, main's lifetime, and the run's end after main returned (the runtime stopping: every task's thread joined,
/// the timer thread stopped, `runFinish` recorded). The three add up to the wall time, so that a picture can say what
/// the wall time holds beyond the main task's own time.
public struct WallTimeParts: Sendable, Equatable {
    /// From the run's first event to main's creation (ns).
    public var beforeMain: UInt64
    /// Main's lifetime: creation to end (ns).
    public var main: UInt64
    /// From main's end to the run's end (ns): the runtime's teardown.
    public var afterMain: UInt64

    public init(beforeMain: UInt64, main: UInt64, afterMain: UInt64) {
        self.beforeMain = beforeMain
        self.main = main
        self.afterMain = afterMain
    }

    /// The parts of `timeline`'s wall time; nil when it has no main task (named "main", else the first task without
    /// a parent) that ended within the run.
    public init?(_ timeline: Timeline) {
        let run = timeline.run
        let runEnd = run.start &+ run.wallTime
        guard let main = timeline.tasks.first(where: { $0.name == "main" })
                ?? timeline.tasks.first(where: { $0.parent == .none }),
              let ended = main.ended, main.created >= run.start, ended >= main.created, ended <= runEnd else { return nil }
        self.init(beforeMain: main.created - run.start, main: ended - main.created, afterMain: runEnd - ended)
    }

    /// The wall time the parts add up to (ns).
    public var wallTime: UInt64 { beforeMain &+ main &+ afterMain }
}
