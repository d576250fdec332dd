import WeftAnalysis
/// The side-by-side table `weft compare` prints: one row per measure, one column per scheduler, and their ratio.
enum CompareTable {
    /// One row: a measure's name, its value under each run as text, and the numbers behind them (for the ratio).
    struct Row {
        var name: String
        var cells: [String]
        var values: [Double]?
    }

    /// The table for `measurements` (multiplexed first, then thread-per-task), then the blog's claims beside the figures.
    static func text(demo: String, arguments: [String], _ measurements: [RunMeasurement]) -> String {
        let rows = self.rows(measurements)
        let header = ["measure"] + measurements.map(\.scheduler)
            + (measurements.count == 2 ? ["ratio (1:1 ÷ M:N)"] : [])
        let body = rows.map { row -> [String] in
            var line = [row.name] + row.cells
            if measurements.count == 2 {
                line.append(row.values.map { Format.ratio($0[0], $0[1]) } ?? "")
            }
            return line
        }
        var lines = align([header] + body)
        lines.insert(String(repeating: "─", count: lines[0].count), at: 1)
        lines.insert("weft compare \(([demo] + arguments).joined(separator: " "))", at: 0)
        let claims = self.claims(measurements)
        if !claims.isEmpty {
            lines.append("")
            lines += claims
        }
        return lines.joined(separator: "\n")
    }

    /// What `weft compare` prints: the table, then the verdict on the two runs' figures when both traces were read
    /// (the same sentences, from the same figures, as the contrast picture opens with).
    static func report(demo: String, arguments: [String], _ measurements: [RunMeasurement],
                       figures: (RunFigures, RunFigures)?) -> String {
        let table = text(demo: demo, arguments: arguments, measurements)
        guard let figures else { return table }
        return table + "\n\nVerdict: " + ContrastVerdict.sentences(figures.0, figures.1)
    }

    static func rows(_ runs: [RunMeasurement]) -> [Row] {
        func row(_ name: String, _ value: (RunMeasurement) -> Double?, _ format: (Double) -> String) -> Row {
            let values = runs.map(value)
            let cells = values.map { $0.map(format) ?? "—" }
            let numbers = values.allSatisfy { $0 != nil } ? values.map { $0! } : nil
            return Row(name: name, cells: cells, values: numbers)
        }
        let time = { (v: Double) in DurationFormat.format(nanoseconds: v) }
        let count = { (v: Double) in Format.count(Int(v)) }
        let bytes = { (v: Double) in ByteFormat.format(bytes: v) }
        return [
            Row(name: "outcome", cells: runs.map(\.outcome), values: nil),
            row("wall time", { Double($0.wallNanoseconds) }, time),
            row("CPU time (user + system)", { Double($0.cpuNanoseconds) }, time),
            row("tasks created", { Double($0.tasksCreated) }, count),
            row("OS threads created", { Double($0.threadsCreated) }, count),
            row("peak threads alive", { Double($0.peakThreadsAlive) }, count),
            row("peak RSS", { Double($0.usage.peakResidentBytes) }, bytes),
            row("RSS per task (peak − baseline)", { $0.residentBytesPerTask }, bytes),
            row("peak address space", { Double($0.usage.peakVirtualBytes) }, bytes),
            row("address space per task", { $0.virtualBytesPerTask }, bytes),
            row("time to create a task", { $0.meanSpawnNanoseconds }, time),
            row("context switches, voluntary", { Double($0.usage.voluntarySwitches) }, count),
            row("context switches, involuntary", { Double($0.usage.involuntarySwitches) }, count),
            row("events recorded", { Double($0.eventsRecorded) }, count),
            row("events dropped", { Double($0.eventsDropped) }, count),
            row("trace size", { Double($0.traceBytes) }, bytes),
        ]
    }

    /// The blog's words next to what was measured, when both runs are there.
    static func claims(_ runs: [RunMeasurement]) -> [String] {
        guard runs.count == 2 else { return [] }
        let (m, t) = (runs[0], runs[1])
        var lines = ["The blog says → measured here (multiplexed vs thread-per-task):"]
        if let a = m.residentBytesPerTask, let b = t.residentBytesPerTask {
            var line = "  \"~KB per goroutine, ~MB per thread\" → \(ByteFormat.format(bytes: a)) vs \(ByteFormat.format(bytes: b)) resident per task"
            if let va = m.virtualBytesPerTask, let vb = t.virtualBytesPerTask {
                line += "; \(ByteFormat.format(bytes: va)) vs \(ByteFormat.format(bytes: vb)) of address space (reserved stacks) per task"
            }
            lines.append(line)
        }
        lines.append("  \"thousands easily\" vs \"limited by OS resources\" → \(Format.count(m.tasksCreated)) tasks on \(Format.count(m.threadsCreated)) OS threads vs on \(Format.count(t.threadsCreated))")
        if let a = m.meanSpawnNanoseconds, let b = t.meanSpawnNanoseconds {
            lines.append("  \"cheap to create\" → \(DurationFormat.format(nanoseconds: a)) vs \(DurationFormat.format(nanoseconds: b)) to create a task")
        }
        lines.append("  \"runtime adds slight overhead\" vs \"no runtime\" → wall \(DurationFormat.format(m.wallNanoseconds)) vs \(DurationFormat.format(t.wallNanoseconds)), CPU \(DurationFormat.format(m.cpuNanoseconds)) vs \(DurationFormat.format(t.cpuNanoseconds))")
        return lines
    }

    /// Pads columns: the first to the left, the others to the right.
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
