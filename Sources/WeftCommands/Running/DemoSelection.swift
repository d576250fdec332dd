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
    /// Parses `--scheduler`, `--workers`, `--seed` and `--strategy`; with no scheduler, `WEFT_SCHEDULER` decides, then
    /// multiplexed.
    /// - Throws: `ValidationError` saying what the scheduler may be.
    static func parse(_ name: String?, workers: Int?, seed: UInt64? = nil, strategy: String? = nil) throws -> SchedulerKind {
        if let workers, !(1...1_024).contains(workers) {
            throw ValidationError("--workers must be between 1 and 1,024; got \(workers).")
        }
        if seed != nil, let name, name.lowercased() != "deterministic" {
            throw ValidationError("--seed only applies to --scheduler deterministic; got --scheduler \(name).")
        }
        if strategy != nil, let name, name.lowercased() != "deterministic" {
            throw ValidationError("--strategy only applies to --scheduler deterministic; got --scheduler \(name).")
        }
        do {
            let kind: SchedulerKind
            if let name {
                kind = try SchedulerKind(parsing: name, workers: workers, seed: seed)
            } else if let fromEnvironment = try SchedulerKind.fromEnvironment() {
                if let workers, case .multiplexed = fromEnvironment {
                    kind = .multiplexed(workers: workers)
                } else if let seed, case .deterministic(_, let strategy) = fromEnvironment {
                    kind = .deterministic(seed: seed, strategy: strategy)
                } else {
                    kind = fromEnvironment
                }
            } else {
                kind = .multiplexed(workers: workers ?? SchedulerKind.defaultWorkers)
            }
            guard let strategy else { return kind }
            guard case .deterministic(let seed, _) = kind else {
                throw ValidationError("--strategy only applies to --scheduler deterministic; give --scheduler deterministic.")
            }
            return .deterministic(seed: seed, strategy: try ScheduleStrategy(parsing: strategy))
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
