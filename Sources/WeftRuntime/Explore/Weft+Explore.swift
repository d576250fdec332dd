extension Weft {
    /// Runs `body` once per seed under the deterministic scheduler and reports how the runs ended: a user's test
    /// asserts on it (`#expect(report.deadlocked == 0)` for "no deadlock in 10,000 interleavings").
    ///
    /// Run `i` (from 0) uses seed `seed + i`; each distinct deadlock or failure keeps the seed of its first run, and
    /// `Weft.run` under `finding.replay` repeats that run exactly. Runs are not traced; replay one to see it.
    /// - Parameters:
    ///   - runs: how many seeds to try (at least 1).
    ///   - strategy: how each run chooses among runnable tasks (uniformly at random, or PCT).
    ///   - seed: the first seed.
    ///   - options: names for the runs, when to stop early, and a progress callback.
    ///   - body: the program, as for `Weft.run`; it must await only Weft primitives to stay deterministic.
    /// - Returns: the outcomes of the runs made.
    /// - Throws: `RuntimeError` — `.badConfiguration` for fewer than 1 run; `.misuse` inside a task of a run.
    public static func explore(runs: Int, strategy: ScheduleStrategy = .random, seed: UInt64 = 0,
                               options: ExploreOptions = ExploreOptions(),
                               _ body: @escaping @Sendable (Runtime) async throws -> Void) async throws(RuntimeError) -> ExploreReport {
        guard runs >= 1 else {
            throw RuntimeError(kind: .badConfiguration, message: "an exploration needs at least 1 run, not \(runs)")
        }
        var report = ExploreReport(strategy: strategy, firstSeed: seed, runsRequested: runs)
        var findingIndex: [String: Int] = [:]
        var orders = ChannelOrderTally()
        for index in 0..<runs {
            if options.shouldStop() { break }
            let runSeed = seed &+ UInt64(index)
            let scheduler = SchedulerKind.deterministic(seed: runSeed, strategy: strategy)
            var runOptions = RunOptions(scheduler: scheduler, tracePath: nil, programName: options.programName,
                                        arguments: options.arguments)
            runOptions.maxThreads = options.maxThreads
            // The environment's trace path does not apply: an exploration records no traces.
            runOptions.tracePath = nil
            let log = MessageOrderLog()
            runOptions.messageOrders = log
            do throws(RuntimeError) {
                _ = try await Weft.run(runOptions, body)
                report.completed += 1
            } catch where error.kind == .misuse {
                throw error
            } catch {
                let (kind, signature) = ExploreFinding.classify(error)
                if kind == .deadlock { report.deadlocked += 1 } else { report.failed += 1 }
                let key = kind.rawValue + "\u{0}" + signature
                if let known = findingIndex[key] {
                    report.findings[known].runs += 1
                } else {
                    findingIndex[key] = report.findings.count
                    report.findings.append(ExploreFinding(kind: kind, signature: signature, runs: 1, firstSeed: runSeed,
                                                          replay: scheduler, error: error))
                }
            }
            report.runs += 1
            orders.add(log)
            report.channels = orders.channels
            options.progress(report)
        }
        report.channels = orders.channels
        return report
    }
}
