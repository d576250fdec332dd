import WeftTrace

/// A run that did not complete: the program failed, hit the thread limit or was stopped, or the trace ends without the run's
/// end (the program crashed or was killed, or the file was cut), so nothing else in it can be called clean.
public struct RunOutcomeLint: Lint {
    /// What kept the run from completing.
    public enum Finding: Sendable, Equatable {
        /// `runFinish` says the program failed (the main task threw), hit the thread limit or was stopped.
        case failed(RunOutcome, message: String, at: UInt64)
        /// No `runFinish`: the trace stops at `end`.
        case incomplete(end: UInt64)
    }

    public init() {}
    public var name: String { "outcome" }
    public var summary: String { "the run did not complete: the program failed, hit the thread limit, was stopped (Ctrl-C), or the trace ends without the run's end (crashed, killed or cut)" }

    public func check(_ timeline: Timeline) -> [Finding] { findings(of: timeline.run) }

    public func findings(in trace: CheckedTrace) -> (first: [Finding], count: Int) {
        let all = findings(of: trace.run)
        return (all, all.count)
    }

    /// What kept a run that ended as `run` says from completing.
    func findings(of run: RunInfo) -> [Finding] {
        switch run.outcome {
        case nil: return [.incomplete(end: run.end)]
        case .failed?, .threadLimit?, .stopped?: return [.failed(run.outcome!, message: run.message, at: run.finished ?? run.end)]
        case .completed?, .deadlocked?: return []  // a deadlock is the deadlock lint's finding
        }
    }

    public func message(_ finding: Finding, in timeline: Timeline) -> String {
        switch finding {
        case let .failed(outcome, message, at):
            let why = message.isEmpty ? "" : ": \(message)"
            return "the run did not complete: it ended \(outcome) at \(DurationFormat.format(at))\(why)"
        case let .incomplete(end):
            return "the trace is incomplete: it stops at \(DurationFormat.format(end)) without the run's end (the program "
                + "crashed or was killed, or the file was cut); tasks still waiting there are not called leaked"
        }
    }

    public func tasks(of finding: Finding) -> [TaskID] { [] }

    public func time(of finding: Finding) -> UInt64 {
        switch finding {
        case let .failed(_, _, at): at
        case let .incomplete(end): end
        }
    }
}
