/// The legend: what each colour, marker and arrow means, flowed into rows that fit the width.
enum LegendLayout {
    enum Key: Equatable {
        case swatch(Color, thin: Bool)
        /// A hatched swatch (a state told apart by its pattern, a held thread).
        case hatched(Color, thin: Bool)
        /// A vertical line across the lanes (the deadlock instant).
        case instant(Color)
        /// A filled step line (a counter track).
        case counter(Color)
        case strip(Color)
        case marker(MarkerShape)
        case arrow(Color, dash: [Double])
        /// A dashed line: long dashes for a free pool thread, short for an idle caller or timer thread.
        case dashed(long: Bool)
        /// Side-by-side stripes: one colour per task.
        case stripes([Color])
        /// Pixel columns of varying height: slices too narrow to draw one by one.
        case columns(Color)
    }

    struct Entry {
        var key: Key
        var label: String
    }

    static func entries(view: TimelineView, canvas: LayoutCanvas) -> [Entry] {
        let theme = canvas.theme
        var out: [Entry] = []
        if canvas.drewTaskSlices {
            out.append(Entry(key: .stripes(Palette.taskColors), label: "thread runs a task (one colour per task)"))
        }
        if canvas.drewFreeLine {
            out.append(Entry(key: .dashed(long: true), label: "pool thread free: idle, any task may take it (multiplexed)"))
        }
        if canvas.drewHeldThread {
            out.append(Entry(key: .hatched(Palette.taskColors[1], thin: false),
                             label: "thread held by its task, which is blocked, asleep or waiting for a CPU (thread-per-task: task's colour)"))
        }
        if canvas.drewIdleLine { out.append(Entry(key: .dashed(long: false), label: "thread alive, idle (caller, timer)")) }
        if canvas.drewThreadDensity {
            out.append(Entry(key: .swatch(theme.idleThread, thin: false), label: "threads alive, idle (share)"))
        }
        if canvas.drewHeldDensity {
            out.append(Entry(key: .swatch(Palette.heldThreads, thin: false),
                             label: "threads held by their blocked or sleeping task (share)"))
        }
        let labels: [LaneState: String] = [
            .running: "running", .runnable: "runnable: waits for a free thread or a CPU",
            .awaitingThread: "runnable: waits for its thread to be created",
            .wakeLatency: "runnable while a pool thread idles: wake-up latency",
            .osWakeDelay: "runnable, a pool thread woken: the OS has yet to run it",
            .cancelled: "cancelled by the runtime after the deadlock",
            .suspended: "suspended: awaiting Swift work outside Weft (an actor, a continuation, child tasks)",
            .channel: "blocked: channel",
            .mutex: "blocked: mutex", .waitGroup: "blocked: wait group", .join: "blocked: join",
            .condition: "blocked: condition", .sleeping: "sleeping", .unknown: "blocked: reason unknown",
        ]
        var states = LaneState.allCases.filter { canvas.usedStates.contains($0) }
        if canvas.drewThreadDensity && !states.contains(.running) { states.insert(.running, at: 0) }
        // Wait group and join share a colour: one entry.
        if states.contains(.waitGroup) && states.contains(.join) { states.removeAll { $0 == .join } }
        // A lock lane's waiting strip is the mutex state's colour: one entry says both.
        if canvas.drewLockWait && !states.contains(.mutex) {
            states.append(.mutex)
            states.sort { $0.rawValue < $1.rawValue }
        }
        for state in states {
            var label = labels[state] ?? state.description
            if state == .waitGroup && canvas.usedStates.contains(.join) { label = "blocked: wait group / join" }
            if state == .mutex && canvas.drewLockWait {
                label = canvas.usedStates.contains(.mutex) ? "blocked: mutex (on a lock lane: tasks waiting)"
                    : "lock lane: tasks waiting"
            }
            let color = Palette.color(of: state)
            out.append(Entry(key: state.isHatched ? .hatched(color, thin: state.isWaiting) : .swatch(color, thin: state.isWaiting),
                             label: label))
        }
        if canvas.drewDeadlock {
            out.append(Entry(key: .instant(Palette.color(of: .mutex)), label: "deadlock detected (wait-for graph above the lanes)"))
        }
        if canvas.drewCounters {
            out.append(Entry(key: .counter(Palette.counterMemory), label: "resident memory"))
            out.append(Entry(key: .counter(Palette.counterThreads), label: "scheduler threads alive"))
        }
        if canvas.drewHolds { out.append(Entry(key: .strip(theme.marker), label: "holds a mutex (strip under the lane)")) }
        for kind in Mark.Kind.allCases where canvas.usedMarks.contains(kind) {
            out.append(Entry(key: .marker(PanelLayout.shape(of: kind)), label: kind.description))
        }
        for kind in Link.Kind.allCases where canvas.usedLinks.contains(kind) {
            let style = PanelLayout.arrowStyle(kind, theme: theme)
            out.append(Entry(key: .arrow(style.color, dash: style.dash), label: kind.description))
        }
        if canvas.drewDenseRun {
            out.append(Entry(key: .columns(Palette.taskColor(0)),
                             label: "slices < 2 px: a pixel shows the task that ran most in it, as tall (thread) or as strong (task) as it was busy"))
        }
        return out
    }

    /// Lays the legend out from `top`; returns the y below it.
    static func layout(view: TimelineView, canvas: LayoutCanvas, top: Double) -> Double {
        var entries = entries(view: view, canvas: canvas)
        if canvas.arrowsTotal > canvas.arrowsShown {
            entries.append(Entry(key: .arrow(canvas.theme.secondaryText, dash: []),
                                 label: "\(Format.count(canvas.arrowsShown)) of \(Format.count(canvas.arrowsTotal)) arrows shown"))
        }
        guard !entries.isEmpty else { return top }
        let keyWidth = 16.0
        let left = Metrics.margin
        let right = canvas.width - Metrics.margin
        var x = left
        var y = top + 6
        let textColor = canvas.theme.text
        for entry in entries {
            let textWidth = canvas.measurer.width(entry.label, size: Metrics.legendSize)
            let need = keyWidth + 4 + textWidth
            if x > left && x + need > right {
                x = left
                y += Metrics.legendRow
            }
            drawKey(entry.key, at: Rect(x: x, y: y + 3, width: keyWidth, height: Metrics.legendRow - 6), canvas: canvas)
            let cell = Rect(x: x + keyWidth + 4, y: y, width: right - x - keyWidth - 4, height: Metrics.legendRow)
            let text = canvas.text(entry.label, in: cell, size: Metrics.legendSize, color: textColor)
            canvas.builder.add(text, to: .legend)
            x += need + 14
        }
        return y + Metrics.legendRow
    }

    private static func drawKey(_ key: Key, at box: Rect, canvas: LayoutCanvas) {
        let mid = box.y + box.height / 2
        switch key {
        case let .swatch(color, thin):
            let h = thin ? box.height * 0.45 : box.height
            canvas.builder.add(.rect(Rect(x: box.x, y: mid - h / 2, width: box.width, height: h), fill: color), to: .legend)
        case let .strip(color):
            canvas.builder.add(.rect(Rect(x: box.x, y: box.maxY - 2.5, width: box.width, height: 2.5), fill: color), to: .legend)
        case let .marker(shape):
            canvas.builder.add(.marker(shape, center: Point(box.x + box.width / 2, mid), size: 7, color: canvas.theme.marker),
                               to: .legend)
        case let .arrow(color, dash):
            canvas.builder.add(.arrow(from: Point(box.x, mid), to: Point(box.maxX, mid), color: color, width: 1, head: 4,
                                      dash: dash), to: .legend)
        case let .stripes(colors):
            let w = box.width / Double(max(colors.count, 1))
            for (i, color) in colors.enumerated() {
                canvas.builder.add(.rect(Rect(x: box.x + Double(i) * w, y: box.y, width: w, height: box.height), fill: color),
                                   to: .legend)
            }
        case let .columns(color):
            for (i, share) in [0.4, 1, 0.25, 0.7, 0.55].enumerated() {
                let h = box.height * share
                canvas.builder.add(.rect(Rect(x: box.x + Double(i) * 3.2, y: box.maxY - h, width: 2.4, height: h), fill: color),
                                   to: .legend)
            }
        case let .dashed(long):
            canvas.builder.add(.line(from: Point(box.x, mid), to: Point(box.maxX, mid), color: canvas.theme.rule, width: 1,
                                     dash: long ? [6, 3] : [2, 3]), to: .legend)
        case let .hatched(color, thin):
            let h = thin ? box.height * 0.45 : box.height
            canvas.builder.add(.hatch(Rect(x: box.x, y: mid - h / 2, width: box.width, height: h), color: color), to: .legend)
        case let .instant(color):
            canvas.builder.add(.line(from: Point(box.x + box.width / 2, box.y - 2), to: Point(box.x + box.width / 2, box.maxY + 2),
                                     color: color, width: 2), to: .legend)
        case let .counter(color):
            let points = [Point(box.x, box.maxY), Point(box.x, box.maxY - 3), Point(box.x + 5, box.maxY - 3),
                          Point(box.x + 5, box.y + 2), Point(box.x + 11, box.y + 2), Point(box.x + 11, box.y + 5),
                          Point(box.maxX, box.y + 5), Point(box.maxX, box.maxY)]
            canvas.builder.add(.polyline(points, color: color, width: 1, fill: color.withAlpha(0.35)), to: .legend)
        }
    }
}
