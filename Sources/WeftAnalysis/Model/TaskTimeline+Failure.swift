import WeftTrace

extension TaskTimeline {
    /// The error a task failed with, when it ended by throwing one of its own: its description ("" when it had
    /// none); nil when it returned, is still running, or the run ended deadlocked, stopped or at the thread limit,
    /// where the runtime cancels every wait and the errors that end the tasks are its own, not theirs. `weft stats`
    /// lists these failures and the picture marks them on the task's lane. A task that ends by Swift's
    /// `CancellationError` was cancelled (the picture marks the cancel), not failed.
    public func failure(in run: RunInfo) -> String? {
        guard outcome == .threw, ended != nil, message != Self.cancellationMessage else { return nil }
        switch run.outcome {
        case .deadlocked?, .stopped?, .threadLimit?: return nil
        default: return message
        }
    }

    /// How the runtime records a task that ended by throwing Swift's `CancellationError`.
    static let cancellationMessage = String(describing: CancellationError())
}
