import WeftDemos
import WeftRuntime

/// How `weft run` reports a run that did not complete.
enum RunFailure {
    /// The exit status for each kind of failure (documented in `weft run --help`); a stopped run exits with its
    /// signal's status, 128 + its number (130 for Ctrl-C, 143 for SIGTERM).
    static func exitStatus(_ error: RuntimeError, signal: WatchedSignal?) -> Int32 {
        switch error.kind {
        case .stopped: (signal ?? .interrupt).exitStatus
        case .failed, .cancelled, .misuse: 1
        case .badConfiguration: 2
        case .deadlock: 3
        case .threadLimit: 4
        case .trace: 5
        }
    }

    /// The message for a failed run, with what to try next.
    static func describe(_ error: RuntimeError, demo: Demo, options: DemoOptions) -> String {
        switch error.kind {
        case .deadlock:
            var text = "\(demo.name) deadlocked: \(error.message)"
            if let deadlock = error.deadlock {
                text += "\n\(deadlock)"
                if !deadlock.cycle.isEmpty { text += "\n(a wait-for cycle of \(Format.counted(deadlock.cycle.count, "task")))" }
            }
            if demo.deadlocksByDesign(options) {
                text += "\n(this demo deadlocks by design"
                text += demo.flags.contains { $0.name == "fixed" } ? "; run it with --fixed to see the cure)" : ")"
            }
            return text
        case .threadLimit:
            return "\(demo.name) hit the thread limit: \(error.message)\n"
                + "thread-per-task needs one OS thread per task; use fewer tasks or --scheduler multiplexed."
        default:
            return "\(demo.name): \(error.message)"
        }
    }
}
