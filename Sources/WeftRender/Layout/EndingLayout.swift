/// How the two runs of a contrast picture ended — the problem message and a deadlock's wait-for graph — drawn once
/// above both panels instead of in each: once where the runs agree, side by side where they differ.
enum EndingLayout {
    /// Whether the panels' endings are drawn above them: both runs ended with a message to show.
    static func isShared(_ panels: [PanelLayout]) -> Bool {
        panels.count == 2 && panels.allSatisfy(\.hasProblemMessage)
    }

    /// Draws the endings of `panels` from `top`; returns the y below them.
    static func layout(_ panels: [PanelLayout], canvas: LayoutCanvas, top: Double) -> Double {
        let row = canvas.row(top, Metrics.factsRow)
        let theme = canvas.theme
        let messages = panels.map(\.timeline.facts.problem)
        let cycles = panels.map { $0.timeline.deadlock?.cycle.map { [$0.taskLabel, $0.objectLabel] } ?? [] }
        let sameMessage = messages[0] == messages[1]
        let sameGraph = cycles[0] == cycles[1]
        var y = top
        func heading(_ text: String, x: Double, width: Double) {
            canvas.builder.add(canvas.text(text, in: Rect(x: x, y: y, width: width, height: Metrics.factsRow),
                                           size: Metrics.factsSize, weight: .bold, color: theme.text))
        }
        if sameMessage && sameGraph {
            heading("Both runs ended the same way:", x: row.x, width: row.width)
            y += Metrics.factsRow
            return panels[0].layoutEnding(in: row, top: y) + 6
        }
        heading("The runs ended differently:", x: row.x, width: row.width)
        y += Metrics.factsRow
        let gap = 24.0
        let column = (row.width - gap) / 2
        let xs = [row.x, row.x + column + gap]
        if sameMessage {
            y = panels[0].layoutEnding(in: row, top: y, graph: false)
        } else {
            var bottom = y
            for (panel, x) in zip(panels, xs) {
                canvas.builder.add(canvas.text(panel.timeline.facts.scheduler + ":", in: Rect(x: x, y: y, width: column,
                                                                                               height: Metrics.factsRow),
                                               size: Metrics.factsSize, weight: .bold, color: theme.text))
                let end = panel.layoutEnding(in: Rect(x: x, y: 0, width: column, height: Metrics.factsRow),
                                             top: y + Metrics.factsRow, graph: false)
                bottom = max(bottom, end)
            }
            y = bottom
        }
        let graphHeight = Metrics.waitForGraphHeight
        if sameGraph {
            if !cycles[0].isEmpty {
                let width = min(Metrics.waitForGraphWidth, row.width)
                panels[0].layoutWaitForGraph(in: Rect(x: row.x, y: y + 4, width: width, height: graphHeight))
                y += graphHeight + 4
            }
        } else {
            for (panel, x) in zip(panels, xs) where panel.timeline.deadlock?.cycle.isEmpty == false {
                let width = min(Metrics.waitForGraphWidth, column)
                panel.layoutWaitForGraph(in: Rect(x: x, y: y + 4, width: width, height: graphHeight),
                                         title: "\(panel.timeline.facts.scheduler): wait-for graph")
            }
            y += graphHeight + 4
        }
        return y + 6
    }
}
