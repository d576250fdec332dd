import Synchronization

/// Whether `weft explore` was asked to stop (Ctrl-C, SIGTERM), and by which signal: the exploration ends after the
/// run in progress and the table of the runs made is still printed.
final class ExploreStop: Sendable {
    private let caught = Atomic<Int32>(0)

    /// The first signal caught, if any.
    var signal: WatchedSignal? {
        let number = caught.load(ordering: .acquiring)
        return number == 0 ? nil : WatchedSignal(number)
    }

    /// Catches SIGINT and SIGTERM from now on; nil (and the signals keep their default action) when they cannot be
    /// caught. A second Ctrl-C ends the process at once.
    func watchSignals() -> SignalWatcher? {
        try? SignalWatcher { [self] signal in
            _ = caught.compareExchange(expected: 0, desired: signal.number, ordering: .releasing)
        }
    }
}
