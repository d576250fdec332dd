import WeftAnalysis

extension DiffLayout {
    /// What the two runs ran, under the title, as the contrast picture says it: the program's description when there
    /// is one, then one line for each run with its command (program and arguments), scheduler, cores, pool threads,
    /// tasks, threads and wall time (`TimelineLayout.factsLine`). Returns the y below.
    func workload(top: Double) -> Double {
        let theme = options.theme
        var y = top
        let width = canvas.row(y, Metrics.factsRow).width
        if let description = options.description, !description.isEmpty {
            for line in canvas.measurer.wrap(description, maxWidth: width, size: Metrics.factsSize + 1) {
                canvas.builder.add(canvas.text(line, in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize + 1,
                                               color: theme.secondaryText))
                y += Metrics.factsRow
            }
        }
        for (mark, side) in [("A", a), ("B", b)] {
            let facts = side.facts
            let lines = canvas.measurer.wrap("\(mark): " + TimelineLayout.factsLine(facts, arguments: true),
                                             maxWidth: width - 16, size: Metrics.factsSize)
            for (i, line) in lines.enumerated() {
                var row = canvas.row(y, Metrics.factsRow)
                if i > 0 {
                    row.x += 16
                    row.width -= 16
                }
                canvas.builder.add(canvas.text(line, in: row, size: Metrics.factsSize, color: theme.text))
                y += Metrics.factsRow
            }
        }
        return y
    }
}
