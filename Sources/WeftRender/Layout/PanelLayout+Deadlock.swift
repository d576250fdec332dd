import Foundation
import WeftAnalysis
import WeftTrace

extension PanelLayout {
    /// Under the axis: where the deadlock was detected, and what is drawn after it. A triangle points down at the
    /// instant, exactly over the line `layoutDeadlockLine` draws through the lanes; the words run right of it, or end
    /// left of it when there is no room on the right.
    func layoutDeadlockLabel(top: Double) {
        guard let deadlock = timeline.deadlock, scale.overlaps(deadlock.detected, deadlock.detected) else { return }
        let x = scale.clampedX(deadlock.detected)
        let color = Palette.color(of: .mutex)
        let row = Rect(x: scale.x0, y: top, width: scale.plotWidth, height: Metrics.foldRow)
        let size = Metrics.deadlockMarker
        canvas.builder.add(.marker(.triangleDown, center: Point(x, row.y + row.height / 2), size: size, color: color),
                           to: .markers)
        let text = "deadlock detected at \(DurationFormat.format(deadlock.detected)): after it, only the runtime cancelling the tasks (hatched black)"
        let width = canvas.measurer.width(text, size: Metrics.axisSize, weight: .bold)
        let left = x + size / 2 + 3 + width <= row.maxX ? x + size / 2 + 3 : max(row.x, x - size / 2 - 3 - width)
        let cell = Rect(x: row.x, y: row.y, width: left < x ? x - size / 2 - 2 - row.x : row.width, height: row.height)
        guard let label = canvas.text(text, in: cell, x: left, size: Metrics.axisSize, weight: .bold, color: color) else { return }
        // On a halo of the background, as the fold labels above it.
        canvas.builder.add(.rect(label.box.insetBy(dx: -2, dy: 0), fill: theme.background.withAlpha(0.85)), to: .labels)
        canvas.builder.add(label)
    }

    /// A vertical line through every lane at the instant the deadlock was detected.
    func layoutDeadlockLine(top: Double, bottom: Double) {
        guard let deadlock = timeline.deadlock, scale.overlaps(deadlock.detected, deadlock.detected) else { return }
        let x = scale.clampedX(deadlock.detected)
        canvas.drewDeadlock = true
        canvas.builder.add(.line(from: Point(x, top), to: Point(x, bottom), color: Palette.color(of: .mutex), width: 2),
                           to: .markers)
    }

    /// The width the wait-for graph takes at the right of the problem message (0 when there is none to draw).
    var waitForGraphWidth: Double {
        guard let cycle = timeline.deadlock?.cycle, !cycle.isEmpty else { return 0 }
        return min(Metrics.waitForGraphWidth, canvas.row(0, 1).width * 0.45)
    }

    /// The deadlock's cycle as a small graph in `box`: tasks (in their colours) and the objects they wait on, on an
    /// ellipse in wait-for order; "waits for" arrows solid from a task to its object, "held by" dashed from the
    /// object to the task that holds it. Returns the height used.
    @discardableResult
    func layoutWaitForGraph(in box: Rect, title: String = "wait-for graph of the deadlock") -> Double {
        guard let deadlock = timeline.deadlock, !deadlock.cycle.isEmpty else { return 0 }
        let cycle = deadlock.cycle
        let title = canvas.text(title + deadlock.summary,
                                in: Rect(x: box.x, y: box.y, width: box.width, height: Metrics.problemRow),
                                size: Metrics.axisSize, weight: .bold, color: theme.text)
        canvas.builder.add(title, to: .labels)
        let key = "solid orange arrow: waits for · dashed arrow: held by (or released only by)"
        canvas.builder.add(canvas.text(key, in: Rect(x: box.x, y: box.maxY - Metrics.problemRow, width: box.width,
                                                     height: Metrics.problemRow),
                                       size: Metrics.axisSize, color: theme.secondaryText), to: .labels)
        let area = Rect(x: box.x, y: box.y + Metrics.problemRow, width: box.width, height: box.height - 2 * Metrics.problemRow)
        let nodeHeight = 16.0
        let centre = Point(area.x + area.width / 2, area.y + area.height / 2)
        let n = cycle.count * 2
        let labels = cycle.flatMap { [$0.taskLabel, $0.objectLabel] }
        let widest = labels.map { canvas.measurer.width($0, size: Metrics.axisSize) }.max() ?? 40
        let nodeWidth = min(widest + 8, area.width / 3)
        let rx = max((area.width - nodeWidth) / 2, 10), ry = max((area.height - nodeHeight) / 2, 4)
        var boxes: [Rect] = []
        for i in 0..<n {
            // From the top, clockwise.
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(n)
            let c = Point(centre.x + rx * cos(angle), centre.y + ry * sin(angle))
            boxes.append(Rect(x: c.x - nodeWidth / 2, y: c.y - nodeHeight / 2, width: nodeWidth, height: nodeHeight))
        }
        for i in 0..<n {
            let from = boxes[i], to = boxes[(i + 1) % n]
            let waits = i % 2 == 0
            let (a, b) = Self.trimmed(from: from, to: to)
            canvas.builder.add(.arrow(from: a, to: b, color: waits ? Palette.color(of: .mutex) : theme.text, width: 1.3,
                                      head: 6, dash: waits ? [] : [4, 3]), to: .arrows)
        }
        for (i, step) in cycle.enumerated() {
            let taskBox = boxes[2 * i], objectBox = boxes[2 * i + 1]
            let fill = lanes.coloring.color(step.task)
            canvas.builder.add(.rect(taskBox, fill: fill), to: .labels)
            canvas.builder.add(canvas.text(step.taskLabel, in: taskBox.insetBy(dx: 3, dy: 0), size: Metrics.axisSize,
                                           color: theme.textColor(on: fill), minimumCharacters: step.task.description.count),
                               to: .labels)
            canvas.builder.add(.rect(objectBox, fill: theme.background, stroke: Palette.color(of: .mutex)), to: .labels)
            canvas.builder.add(canvas.text(step.objectLabel, in: objectBox.insetBy(dx: 3, dy: 0), size: Metrics.axisSize,
                                           color: theme.text), to: .labels)
        }
        return box.height
    }

    /// The segment between two boxes' centres, cut where it leaves the first box and enters the second.
    static func trimmed(from a: Rect, to b: Rect) -> (Point, Point) {
        let ca = Point(a.x + a.width / 2, a.y + a.height / 2), cb = Point(b.x + b.width / 2, b.y + b.height / 2)
        let dx = cb.x - ca.x, dy = cb.y - ca.y
        func exit(_ r: Rect) -> Double {
            let tx = dx == 0 ? Double.infinity : (r.width / 2) / abs(dx)
            let ty = dy == 0 ? Double.infinity : (r.height / 2) / abs(dy)
            return min(tx, ty, 0.5)
        }
        let ta = exit(a) + 0.02, tb = exit(b) + 0.04
        return (Point(ca.x + dx * ta, ca.y + dy * ta), Point(cb.x - dx * tb, cb.y - dy * tb))
    }
}
