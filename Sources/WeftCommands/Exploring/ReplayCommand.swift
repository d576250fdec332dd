import Foundation
import WeftDemos
import WeftRuntime

/// The one command that replays a run of `weft explore`: `weft run DEMO OPTIONS --scheduler deterministic --seed S`
/// (and `--strategy` when it is not random).
enum ReplayCommand {
    /// The command's words, every demo option spelled out.
    static func words(_ selection: DemoSelection, scheduler: SchedulerKind, tracePath: String? = nil) -> [String] {
        var words = ["weft", "run", selection.demo.name] + selection.options.commandLine(for: selection.demo)
        words += ["--scheduler", scheduler.name]
        if case .deterministic(let seed, let strategy) = scheduler {
            words += ["--seed", String(seed)]
            if strategy != .random { words += ["--strategy", spelling(strategy)] }
        }
        if let tracePath { words += ["-o", tracePath] }
        return words
    }

    /// The command as one line for a shell.
    static func text(_ selection: DemoSelection, scheduler: SchedulerKind, tracePath: String? = nil) -> String {
        words(selection, scheduler: scheduler, tracePath: tracePath).map(quoted).joined(separator: " ")
    }

    /// A strategy as `--strategy` takes it: `random`, `pct` (depth 3) or `pct:DEPTH`.
    static func spelling(_ strategy: ScheduleStrategy) -> String {
        switch strategy {
        case .random: "random"
        case .pct(let depth, _) where ScheduleStrategy.pctDefault == .pct(depth: depth, steps: pctSteps): "pct"
        case .pct(let depth, _): "pct:\(depth)"
        }
    }

    /// The steps over which `--strategy pct` draws its change points (what `ScheduleStrategy(parsing:)` uses).
    static let pctSteps = 1_000

    private static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
