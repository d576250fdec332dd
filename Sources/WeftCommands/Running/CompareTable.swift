import WeftAnalysis
/// The side-by-side table `weft compare` prints: one row per measure, one column per scheduler, and their ratio.
enum CompareTable {
    /// One row: a measure's name, its value under each run as text, and the numbers behind them (for the ratio).
    struct Row {
        var name: String
        var cells: [String]
        var values: [Double]?
    }

    /// The table for the runs of each scheduler (multiplexed first, then thread-per-task): each measure's median,
    /// with its range over repeated runs, and the ratio of the medians; then the blog's claims beside the medians.
    /// - Parameter description: the line under the title that says what the program does (`ProgramDescription`).
    static func text(demo: String, arguments: [String], description: String? = nil, _ models: [RepeatedRuns]) -> String {
        let rows = self.rows(models)
        let header = ["measure"] + models.map(\.scheduler) + (models.count == 2 ? ["ratio (1:1 ÷ M:N)"] : [])
        let body = rows.map { row -> [String] in
            var line = [row.name] + row.cells
            if models.count == 2 {
                line.append(row.values.map { Format.ratio($0[0], $0[1]) } ?? "")
            }
            return line
        }
        var lines = align([header] + body)
        lines.insert(String(repeating: "─", count: lines[0].count), at: 1)
        var top = ["weft compare \(([demo] + arguments).joined(separator: " "))"]
        if let description { top.append(description) }
        if let repeats = models.map(\.runs.count).max(), repeats > 1 {
            let counts = Set(models.map(\.runs.count)).sorted(by: >).map { Format.count($0) }.joined(separator: " and ")
            top.append("Median of \(counts) runs of each scheduler, taken in turn; in brackets the lowest – highest; "
                + "ratios of the medians.")
        }
        lines.insert(contentsOf: top, at: 0)
        let claims = self.claims(models)
        if !claims.isEmpty {
            lines.append("")
            lines += claims
        }
        return lines.joined(separator: "\n")
    }

    /// What `weft compare` prints: the table, then the verdict (the same sentences, from the same figures, as the
    /// contrast picture opens with) when both traces were read.
    static func report(demo: String, arguments: [String], description: String? = nil, _ models: [RepeatedRuns],
                       verdict: String?) -> String {
        let table = text(demo: demo, arguments: arguments, description: description, models)
        guard let verdict else { return table }
        return table + "\n\nVerdict: " + verdict
    }

    /// Each row's values are written together (`Spread.texts`), with enough significant digits that two values that
    /// differ print differently, in the row's median and range and between its two medians.
    static func rows(_ models: [RepeatedRuns]) -> [Row] {
        func row(_ name: String, _ value: (RunMeasurement) -> Double?, _ format: ([Double]) -> [String]) -> Row {
            spreadRow(name, models.map { $0.spread(value) }, format)
        }
        func spreadRow(_ name: String, _ spreads: [Spread<Double>?], _ format: ([Double]) -> [String]) -> Row {
            let cells = Spread.texts(spreads, format).map { $0 ?? "—" }
            let numbers = spreads.allSatisfy { $0 != nil } ? spreads.map { $0!.median } : nil
            return Row(name: name, cells: cells, values: numbers)
        }
        let time = { (v: [Double]) in DurationFormat.distinct(nanoseconds: v) }
        let count = { (v: [Double]) in v.map { Format.count(Int($0.rounded())) } }
        let bytes = { (v: [Double]) in ByteFormat.distinct(bytes: v) }
        return [
            Row(name: "outcome", cells: models.map(\.outcome), values: nil),
            // The wall times the verdict and the picture's runs strip show too (`RepeatedRuns.wallTimes`).
            spreadRow("wall time", models.map { Self.doubles($0.walls) }, time),
            row("CPU time (user + system)", { Double($0.cpuNanoseconds) }, time),
            row("tasks created", { Double($0.tasksCreated) }, count),
            row("OS threads created", { Double($0.threadsCreated) }, count),
            row("peak threads alive", { Double($0.peakThreadsAlive) }, count),
            row("peak RSS", { Double($0.usage.peakResidentBytes) }, bytes),
            row("RSS per task (peak − baseline)", { $0.residentBytesPerTask }, bytes),
            row("peak address space", { Double($0.usage.peakVirtualBytes) }, bytes),
            row("address space per task", { $0.virtualBytesPerTask }, bytes),
            // The creating thread's CPU time in a spawn (`RunReport.meanSpawnNanoseconds`), not its wall time.
            row("CPU time to create a task", { $0.meanSpawnNanoseconds }, time),
            row("context switches, voluntary", { Double($0.usage.voluntarySwitches) }, count),
            row("context switches, involuntary", { Double($0.usage.involuntarySwitches) }, count),
            row("events recorded", { Double($0.eventsRecorded) }, count),
            row("events dropped", { Double($0.eventsDropped) }, count),
            row("trace size", { Double($0.traceBytes) }, bytes),
        ]
    }

    /// A spread of nanoseconds as the table's numbers.
    static func doubles(_ spread: Spread<UInt64>) -> Spread<Double> {
        Spread(median: Double(spread.median), low: Double(spread.low), high: Double(spread.high), count: spread.count)
    }

    /// The blog's words next to what was measured (medians), when both schedulers' runs are there.
    static func claims(_ models: [RepeatedRuns]) -> [String] {
        guard models.count == 2 else { return [] }
        let (m, t) = (models[0], models[1])
        func both(_ value: (RunMeasurement) -> Double?) -> (Double, Double)? {
            guard let a = m.median(value), let b = t.median(value) else { return nil }
            return (a, b)
        }
        func bytes(_ v: Double) -> String { ByteFormat.format(bytes: v) }
        func time(_ v: Double) -> String { DurationFormat.format(nanoseconds: v) }
        func count(_ v: Double) -> String { Format.count(Int(v.rounded())) }
        var lines = ["The blog says → measured here (multiplexed vs thread-per-task):"]
        if let (a, b) = both({ $0.residentBytesPerTask }) {
            var line = "  \"~KB per goroutine, ~MB per thread\" → \(bytes(a)) vs \(bytes(b)) resident per task"
            if let (va, vb) = both({ $0.virtualBytesPerTask }) {
                line += "; \(bytes(va)) vs \(bytes(vb)) of address space (reserved stacks) per task"
            }
            lines.append(line)
        }
        if let (tasks, _) = both({ Double($0.tasksCreated) }), let (ta, tb) = both({ Double($0.threadsCreated) }) {
            lines.append("  \"thousands easily\" vs \"limited by OS resources\" → \(count(tasks)) task\(tasks == 1 ? "" : "s") on \(count(ta)) OS thread\(ta == 1 ? "" : "s") vs on \(count(tb))")
        }
        if let (a, b) = both({ $0.meanSpawnNanoseconds }) {
            lines.append("  \"cheap to create\" → \(time(a)) vs \(time(b)) of CPU time to create a task")
        }
        if let (wa, wb) = both({ Double($0.wallNanoseconds) }), let (ca, cb) = both({ Double($0.cpuNanoseconds) }) {
            lines.append("  \"runtime adds slight overhead\" vs \"no runtime\" → wall \(time(wa)) vs \(time(wb)), CPU \(time(ca)) vs \(time(cb))")
        }
        return lines
    }

    static func align(_ table: [[String]]) -> [String] {
        let columns = table.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for line in table { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return table.map { line in
            line.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "   ")
        }
    }
}
