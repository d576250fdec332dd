import Foundation

/// A POSIX signal that a `SignalWatcher` turns into a call on its own thread instead of the default action.
public struct WatchedSignal: Hashable, Sendable, CustomStringConvertible {
    /// The signal's number, e.g. `SIGINT`.
    public let number: Int32

    /// Wraps a signal number (1 to 64).
    public init(_ number: Int32) { self.number = number }

    /// SIGINT: Ctrl-C in a terminal.
    public static let interrupt = WatchedSignal(SIGINT)
    /// SIGTERM: the polite `kill`.
    public static let terminate = WatchedSignal(SIGTERM)

    /// The exit status a process reports when it ends because of this signal, as shells spell it: 128 + number
    /// (130 for SIGINT, 143 for SIGTERM).
    public var exitStatus: Int32 { 128 + number }

    /// The signal's conventional name, e.g. "SIGINT".
    public var description: String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        case SIGUSR1: "SIGUSR1"
        case SIGUSR2: "SIGUSR2"
        default: "signal \(number)"
        }
    }
}
