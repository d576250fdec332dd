import ArgumentParser
import WeftDemos
import WeftRuntime

/// A demo named on the command line with its own options (`io-bound --tasks 1000`), checked before anything runs.
struct DemoSelection {
    let demo: Demo
    let options: DemoOptions

    /// Looks the demo up and parses its options.
    /// - Throws: `ValidationError` listing the valid demos or options.
    init(name: String, words: [String]) throws {
        do {
            demo = try DemoRegistry.named(name)
            options = try demo.options(words)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

/// The scheduler options `weft run` and `weft compare` share.
struct SchedulerChoice {
    /// Parses `--scheduler`, `--workers` and `--seed`; with no scheduler, `WEFT_SCHEDULER` decides, then multiplexed.
    /// - Throws: `ValidationError` saying what the scheduler may be.
    static func parse(_ name: String?, workers: Int?, seed: UInt64? = nil) throws -> SchedulerKind {
        if let workers, !(1...1_024).contains(workers) {
            throw ValidationError("--workers must be between 1 and 1,024; got \(workers).")
        }
        if seed != nil, let name, name.lowercased() != "deterministic" {
            throw ValidationError("--seed only applies to --scheduler deterministic; got --scheduler \(name).")
        }
        do {
            if let name { return try SchedulerKind(parsing: name, workers: workers, seed: seed) }
            if let fromEnvironment = try SchedulerKind.fromEnvironment() {
                if let workers, case .multiplexed = fromEnvironment { return .multiplexed(workers: workers) }
                if let seed, case .deterministic(_, let strategy) = fromEnvironment { return .deterministic(seed: seed, strategy: strategy) }
                return fromEnvironment
            }
            return .multiplexed(workers: workers ?? SchedulerKind.defaultWorkers)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
