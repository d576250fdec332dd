import Foundation
import Glibc
import WeftDemos
import WeftRuntime

/// The progress line of `weft explore` on standard error, redrawn in place at most five times a second, and only
/// when standard error is a terminal (a log file gets the table alone).
final class ExploreProgress: @unchecked Sendable {
    private let label: String
    private let live = isatty(STDERR_FILENO) != 0
    private var lastDrawn: UInt64 = 0
    private var drawn = false

    init(label: String) { self.label = label }

    /// Redraws the line for `report` if enough time has passed (always for the last run).
    func update(_ report: ExploreReport) {
        guard live else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nanoseconds = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        guard report.runs == report.runsRequested || nanoseconds &- lastDrawn >= 200_000_000 else { return }
        lastDrawn = nanoseconds
        drawn = true
        Diagnostics.raw("\r\u{1B}[K\(label): \(Format.count(report.runs))/\(Format.count(report.runsRequested)) runs, "
            + "\(Format.count(report.deadlocked)) deadlocked, \(Format.count(report.failed)) failed (Ctrl-C stops and prints the table)")
    }

    /// Clears the line before the table is printed.
    func finish() {
        guard live, drawn else { return }
        Diagnostics.raw("\r\u{1B}[K")
    }
}
