/// The legend: what each colour, marker and arrow means, flowed into rows that fit the width.
enum LegendLayout {
    enum Key: Equatable {
        case swatch(Color, thin: Bool)
        case strip(Color)
        case marker(MarkerShape)
        case arrow(Color, dash: [Double])
        case dashed
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
        if canvas.drewIdleLine { out.append(Entry(key: .dashed, label: "thread alive, idle")) }
        if canvas.drewThreadDensity {
            out.append(Entry(key: .swatch(theme.idleThread, thin: false), label: "threads alive, idle (share)"))
        }
        let labels: [LaneState: String] = [
            .running: "running", .runnable: "runnable (waits for a thread)", .channel: "blocked: channel",
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
            out.append(Entry(key: .swatch(Palette.color(of: state), thin: state.isWaiting), label: label))
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
        case .dashed:
            canvas.builder.add(.line(from: Point(box.x, mid), to: Point(box.maxX, mid), color: canvas.theme.rule, width: 1,
                                     dash: [2, 3]), to: .legend)
        }
    }
}
