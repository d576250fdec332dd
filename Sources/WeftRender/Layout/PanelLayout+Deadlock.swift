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

    /// The wait of a task in the deadlock's cycle that began (almost) at the instant the runtime found the cycle, the
    /// wait that closed it, drawn no narrower than `Metrics.closingWait`, ending at the deadlock line and labelled
    /// "closing wait" left of it: begun at that instant, it would be drawn zero wide, and the cycle would seem to
    /// lack a wait.
    func drawClosingWait(_ task: TaskTrack, laneTop: Double) {
        guard let deadlock = timeline.deadlock, deadlock.cycle.contains(where: { $0.task == task.task }),
              scale.overlaps(deadlock.detected, deadlock.detected) else { return }
        let x = scale.clampedX(deadlock.detected)
        let waiting = { (span: StateSpan) in span.state.isWaiting && span.state != .cancelled }
        // The wait drawn up to the instant, if any: wide enough already, there is nothing to add.
        if let drawn = task.spans.last(where: { $0.start < deadlock.detected && $0.end >= deadlock.detected }),
           waiting(drawn), x - scale.clampedX(drawn.start) >= Metrics.closingWait {
            return
        }
        let state = task.spans.first { $0.end >= deadlock.detected && waiting($0) }?.state ?? .mutex
        let bar = Self.stateBar(state, laneTop: laneTop, height: Metrics.taskLane)
        let rect = Rect(x: max(scale.x0, x - Metrics.closingWait), y: bar.y, width: min(Metrics.closingWait, x - scale.x0),
                        height: bar.height)
        guard rect.width > 0 else { return }
        canvas.usedStates.insert(state)
        canvas.builder.add(.rect(rect, fill: Palette.color(of: state)), to: .lanes)
        let words = "closing wait"
        let width = canvas.measurer.width(words, size: Metrics.markCountSize)
        let cell = Rect(x: rect.x - width - 4, y: laneTop, width: width + 2, height: Metrics.taskLane)
        guard cell.x >= scale.x0, let label = canvas.text(words, in: cell, size: Metrics.markCountSize,
                                                          color: Palette.color(of: state)) else { return }
        canvas.builder.add(.rect(label.box.insetBy(dx: -1, dy: 0), fill: theme.background.withAlpha(0.85)), to: .labels)
        canvas.builder.add(label, to: .labels)
    }

    /// On a lock's lane, the deadlock's closing wait (see `drawClosingWait`) when it is for this lock: the red strip
    /// of tasks waiting drawn no narrower than `Metrics.closingWait`, ending at the deadlock line, as on the waiting
    /// task's lane; begun at that instant, it would be drawn zero wide and the lock seem to have no waiter.
    func drawClosingLockWait(_ lock: LockTrack, stripTop: Double) {
        guard let deadlock = timeline.deadlock, deadlock.cycle.contains(where: { $0.mutex == lock.mutex }),
              scale.overlaps(deadlock.detected, deadlock.detected) else { return }
        let x = scale.clampedX(deadlock.detected)
        // A wait drawn up to the instant wide enough already: there is nothing to add.
        if lock.waits.contains(where: { $0.start < deadlock.detected && $0.end >= deadlock.detected
                                           && x - scale.clampedX($0.start) >= Metrics.closingWait }) {
            return
        }
        let rect = Rect(x: max(scale.x0, x - Metrics.closingWait), y: stripTop, width: min(Metrics.closingWait, x - scale.x0),
                        height: Metrics.lockWaitStrip)
        guard rect.width > 0 else { return }
        canvas.drewLockWait = true
        canvas.builder.add(.rect(rect, fill: Palette.color(of: .mutex)), to: .holds)
    }

    /// The width the wait-for graph takes at the right of the problem message (0 when there is none to draw).
    var waitForGraphWidth: Double {
        guard let cycle = timeline.deadlock?.cycle, !cycle.isEmpty else { return 0 }
        return min(Metrics.waitForGraphWidth, canvas.row(0, 1).width * 0.45)
    }

    /// The deadlock's cycle as a small graph in `box`: tasks (in their colours) and the objects they wait on, in
    /// wait-for order around a ring of two rows (the top row read left to right, the bottom row right to left, tasks
    /// on the outer line and objects on the inner one, so that every arrow between neighbours has room). "Waits for"
    /// arrows are thick, orange and solid, from a task to its object; "held by" arrows thin, grey and dashed, from
    /// the object to the task that holds it; the key under the graph draws one of each. Returns the height used.
    @discardableResult
    func layoutWaitForGraph(in box: Rect, title: String = "wait-for graph of the deadlock") -> Double {
        guard let deadlock = timeline.deadlock, !deadlock.cycle.isEmpty else { return 0 }
        let cycle = deadlock.cycle
        let title = canvas.text(title + deadlock.summary,
                                in: Rect(x: box.x, y: box.y, width: box.width, height: Metrics.problemRow),
                                size: Metrics.axisSize, weight: .bold, color: theme.text)
        canvas.builder.add(title, to: .labels)
        layoutWaitForKey(in: Rect(x: box.x, y: box.maxY - Metrics.problemRow, width: box.width,
                                  height: Metrics.problemRow))
        let area = Rect(x: box.x, y: box.y + Metrics.problemRow + 4, width: box.width,
                        height: box.height - 2 * Metrics.problemRow - 8)
        let nodeHeight = 16.0
        let n = cycle.count * 2
        let labels = cycle.flatMap { [$0.taskLabel, $0.objectLabel] }
        let widest = labels.map { canvas.measurer.width($0, size: Metrics.axisSize) }.max() ?? 40
        let columns = (n + 1) / 2
        let nodeWidth = min(widest + 8, area.width / Double(max(columns, 2)))
        let columnStep = columns > 1 ? (area.width - nodeWidth) / Double(columns - 1) : 0
        // Outer and inner lines of each row; the inner one a little towards the middle.
        let stagger = min(26.0, max(0, (area.height - 2 * nodeHeight) / 4))
        var boxes: [Rect] = []
        for i in 0..<n {
            let top = i < columns
            let column = top ? i : columns - 1 - (i - columns)
            let outer = i % 2 == 0  // tasks outside, objects inside
            let y = top ? area.y + (outer ? 0 : stagger) : area.maxY - nodeHeight - (outer ? 0 : stagger)
            boxes.append(Rect(x: area.x + Double(column) * columnStep, y: y, width: nodeWidth, height: nodeHeight))
        }
        for i in 0..<n {
            var from = boxes[i], to = boxes[(i + 1) % n]
            // In a single column the two arrows between the rows would coincide: down on the right, up on the left.
            if columns == 1 {
                let shift = nodeWidth / 4 * (i == 0 ? 1 : -1)
                from = Rect(x: from.x + shift, y: from.y, width: from.width, height: from.height)
                to = Rect(x: to.x + shift, y: to.y, width: to.width, height: to.height)
            }
            let style = Self.waitForArrowStyle(waits: i % 2 == 0, theme: theme)
            let (a, b) = Self.trimmed(from: from, to: to)
            canvas.builder.add(.arrow(from: a, to: b, color: style.color, width: style.width, head: style.head,
                                      dash: style.dash), to: .arrows)
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

    /// How the wait-for graph draws its two kinds of arrow, apart in thickness, head, colour and dash.
    static func waitForArrowStyle(waits: Bool, theme: Theme) -> (color: Color, width: Double, head: Double, dash: [Double]) {
        waits ? (Palette.color(of: .mutex), 2.6, 9, []) : (theme.secondaryText, 1.1, 5, [3, 3])
    }

    /// The graph's key in `row`: a short arrow of each kind, each followed by what it means.
    private func layoutWaitForKey(in row: Rect) {
        var x = row.x
        let y = row.y + row.height / 2
        for (waits, words) in [(true, "waits for"), (false, "held by (or released only by)")] {
            let style = Self.waitForArrowStyle(waits: waits, theme: theme)
            canvas.builder.add(.arrow(from: Point(x, y), to: Point(x + 26, y), color: style.color, width: style.width,
                                      head: style.head, dash: style.dash), to: .labels)
            x += 30
            guard let label = canvas.text(words, in: Rect(x: x, y: row.y, width: row.maxX - x, height: row.height),
                                          size: Metrics.axisSize, color: theme.secondaryText) else { return }
            canvas.builder.add(label, to: .labels)
            x = label.box.maxX + 14
        }
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
