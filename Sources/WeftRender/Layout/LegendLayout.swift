/// The legend: what each colour, marker and arrow drawn means (nothing that was not drawn), in groups a reader meets
/// top to bottom (threads, actors, tasks, marks, counters), each flowed into rows that fit the width.
enum LegendLayout {
    enum Key: Equatable {
        case swatch(Color, thin: Bool)
        /// A translucent band (a machine stall), not a colour of its own.
        case band(Color)
        /// A hatched swatch (a state told apart by its pattern, a held thread).
        case hatched(Color, thin: Bool, pattern: HatchPattern = .diagonal)
        /// A vertical line across the lanes (the deadlock instant).
        case instant(Color)
        /// A filled step line (a counter track).
        case counter(Color)
        case strip(Color)
        case marker(MarkerShape)
        /// A marker with a count beside it ("×3"): marks of one kind too close to draw apart.
        case countedMarker(MarkerShape)
        case arrow(Color, dash: [Double])
        /// A dashed line: long dashes for a free pool thread, short for an idle caller or timer thread.
        case dashed(long: Bool)
        /// Side-by-side stripes: one colour per task.
        case stripes([Color])
        /// Pixel columns of varying height: slices too narrow to draw one by one.
        case columns(Color)
        /// A swatch with a stripe across it: a task colour worn a second time.
        case striped(Color)
        /// An outlined box (an actor job).
        case outlined(fill: Color, stroke: Color)
        /// The mark of a task that failed.
        case failure
    }

    /// The legend's groups, in the order a reader meets them in a panel, top to bottom.
    enum Group: String, CaseIterable {
        case time = "Time"
        case threads = "Threads"
        case actors = "Actors"
        case tasks = "Tasks"
        case marks = "Marks"
        case counters = "Counters"
    }

    struct Entry {
        var key: Key
        var label: String
        var group: Group
    }

    /// Every task state in reading order: running, the ways of waiting to run, the ways of being blocked, then asleep
    /// and cancelled. A state missing here would be drawn without a legend entry (a test checks every case is here).
    static let stateOrder: [LaneState] = [
        .running, .runningOrWaitingForCPU, .runnable, .awaitingThread, .ownThreadOnActor, .wakeLatency, .osWakeDelay, .channel, .mutex, .actor,
        .waitGroup, .join, .suspended, .condition, .unknown, .sleeping, .cancelled,
    ]

    /// Every entry for what `canvas` drew (in every panel), grouped, each group in reading order.
    static func entries(view: TimelineView, canvas: LayoutCanvas) -> [Entry] {
        let theme = canvas.theme
        var out: [Entry] = []
        func add(_ group: Group, _ key: Key, _ label: String) { out.append(Entry(key: key, label: label, group: group)) }
        if canvas.drewStall {
            add(.time, .band(theme.stallBand),
                "machine stall (grey mark under the axis): no thread of the process recorded anything while a task could run, "
                    + "its 1 ms sampler silent — the machine's doing, not the program's")
        }
        if canvas.usedTaskColors > 0 {
            let colors = Array(Palette.taskColors.prefix(canvas.usedTaskColors))
            add(.threads, .stripes(colors), "runs a task (the colour of its chip)")
        }
        if canvas.drewRepeatedColor || canvas.usedTaskColors > Palette.taskColors.count {
            add(.threads, .striped(Palette.taskColors[2]),
                "colours repeat every \(Palette.taskColors.count) tasks: a repeat is striped, its chip numbered")
        }
        if canvas.drewOtherTask {
            add(.threads, .swatch(Palette.otherTask, thin: false), "runs a task without a lane of its own")
        }
        if canvas.drewActorSlices {
            add(.threads, .strip(Palette.actorMark), "underlined: the task's code ran on an actor")
        }
        if canvas.drewFreeLine {
            add(.threads, .dashed(long: true), "pool thread free")
        }
        if canvas.drewHeldThread {
            // Khaki: the first colour's dark purple hatching vanishes on the dark theme.
            add(.threads, .hatched(Palette.taskColors[1], thin: false),
                "held by its task while it waits")
        }
        if canvas.drewFrozenPoolThread {
            add(.threads, .hatched(Palette.taskColors[2], thin: false),
                "pool thread not run by the OS while a task waited in its queue")
        }
        if canvas.drewWokenPoolThread {
            add(.threads, .swatch(Palette.wokenPoolThread, thin: true),
                "pool thread woken, waiting for a CPU: signalled to take work, not yet run by the OS")
        }
        if canvas.drewIdleLine {
            add(.threads, .dashed(long: false), canvas.drewOwnerElsewhere
                ? "idle (caller, timer; a task's thread while its task runs on another)" : "idle (caller, timer)")
        }
        if canvas.drewThreadDensity {
            add(.threads, .swatch(theme.idleThread, thin: false), "threads alive, idle (share)")
        }
        if canvas.drewHeldDensity {
            add(.threads, .hatched(Palette.heldThreads, thin: false), "threads held by their blocked or sleeping task (share)")
        }
        if canvas.drewDenseRun {
            add(.threads, .columns(Palette.taskColors[2]),
                "slices < 2 px: the busiest task's colour, as tall or as strong as busy")
        }
        if canvas.drewActorJob {
            let (fill, stroke) = PanelLayout.actorJobColors(theme)
            add(.actors, .outlined(fill: fill, stroke: stroke),
                "actor busy (a job, at least \(Format.count(Int(Metrics.minimumActorSlice))) px wide), in the colour of the task whose code ran, grey where no task's did; an actor runs on whichever thread found it idle")
        }
        if canvas.drewActorQueue && !canvas.usedStates.contains(.actor) {
            // No task lane shows the wait (a threads view): the strip gets its own entry beside the box.
            add(.actors, .hatched(Palette.color(of: .actor), thin: true), "tasks waiting to enter, as tall as how many")
        }
        let labels: [LaneState: String] = [
            .running: "running",
            .runningOrWaitingForCPU: "running or waiting for a CPU",
            .runnable: "runnable",
            .awaitingThread: "runnable: its new thread has not started yet",
            .ownThreadOnActor: "runnable: its own thread is busy running an actor's jobs for other tasks",
            .wakeLatency: canvas.drewWokenThreadLatency
                ? (canvas.drewPoolWakeLatency
                    ? "runnable while a pool thread idles or a core is free: a parked pool thread waking, or (thread-per-task) "
                        + "a woken thread waiting for the OS to run it"
                    : "runnable while a core is free: a woken thread waiting for the OS to run it")
                : "runnable while a pool thread idles: the time a parked thread takes to wake",
            .cancelled: "cancelled by the runtime after the deadlock",
            .suspended: "suspended: awaiting Swift work outside Weft",
            .actor: "waiting to enter a busy actor",
            .channel: "blocked: channel",
            .mutex: "blocked: mutex", .waitGroup: "blocked: wait group", .join: "blocked: join",
            .condition: "blocked: condition", .sleeping: "sleeping", .unknown: "blocked: reason unknown",
        ]
        var states = stateOrder.filter { canvas.usedStates.contains($0) }
        if canvas.drewCrowdedSlice && !states.contains(.runningOrWaitingForCPU) {
            states.append(.runningOrWaitingForCPU)
            states.sort { stateOrder.firstIndex(of: $0)! < stateOrder.firstIndex(of: $1)! }
        }
        // A thread density row's running share is running's blue: the one entry says both.
        if canvas.drewThreadDensity && !states.contains(.running) { states.insert(.running, at: 0) }
        // Waking a pool thread, before or after the pool signalled it, is drawn one way: one entry.
        if states.contains(.osWakeDelay) {
            states.removeAll { $0 == .osWakeDelay }
            if !states.contains(.wakeLatency) {
                states.append(.wakeLatency)
                states.sort { stateOrder.firstIndex(of: $0)! < stateOrder.firstIndex(of: $1)! }
            }
        }
        // Wait group and join share a colour: one entry.
        if states.contains(.waitGroup) && states.contains(.join) { states.removeAll { $0 == .join } }
        // A lock lane's waiting strip is the mutex state's colour: one entry says both.
        if canvas.drewLockWait && !states.contains(.mutex) {
            states.append(.mutex)
            states.sort { stateOrder.firstIndex(of: $0)! < stateOrder.firstIndex(of: $1)! }
        }
        for state in states {
            var label = labels[state] ?? state.description
            if state == .waitGroup && canvas.usedStates.contains(.join) { label = "blocked: wait group / join" }
            if state == .running && canvas.drewThreadDensity {
                label = canvas.usedStates.contains(.running) ? "running (in a thread density row: threads running)"
                    : "thread density row: threads running"
            }
            if state == .mutex {
                label = "blocked: " + lockWaitWords(canvas.lockWaitKinds)
                if canvas.drewLockWait {
                    label = canvas.usedStates.contains(.mutex) ? label + " (on a lock lane: tasks waiting)"
                        : "lock lane: tasks waiting"
                }
            }
            if state == .runningOrWaitingForCPU && canvas.drewCrowdedSlice {
                // Said once for both views: a thread lane's run is hatched in its task's colour there.
                label += " (thread lane: broken in the task's colour)"
            }
            if state == .actor && canvas.drewActorQueue {
                // An actor lane's queue strip is waiting for an actor's hatching: one entry says both.
                label = "waiting to enter a busy actor (on an actor lane: how many wait)"
            }
            let color = Palette.color(of: state)
            add(.tasks, state.isHatched ? .hatched(color, thin: state.isWaiting, pattern: state.pattern)
                    : .swatch(color, thin: state.isWaiting), label)
        }
        if canvas.drewHolds { add(.tasks, .strip(theme.marker), "holds a mutex") }
        for kind in Mark.Kind.allCases where canvas.usedMarks.contains(kind) {
            var label = kind.description
            if kind == .timeout && canvas.drewTimeoutLabel { label += " (\"timeout\" beside it)" }
            add(.marks, .marker(PanelLayout.shape(of: kind)), label)
        }
        if let kind = canvas.countedMark {
            add(.marks, .countedMarker(PanelLayout.shape(of: kind)),
                "×N: N marks of one kind within a few pixels")
        }
        if canvas.drewDeadlock {
            add(.marks, .instant(Palette.color(of: .mutex)), "deadlock detected")
        }
        if canvas.drewFailure {
            add(.marks, .failure, "failed: the task ended by throwing")
        }
        for kind in Link.Kind.allCases where canvas.usedLinks.contains(kind) {
            let style = PanelLayout.arrowStyle(kind, theme: theme)
            add(.marks, .arrow(style.color, dash: style.dash), kind.description)
        }
        if canvas.arrowsTotal > canvas.arrowsShown {
            add(.marks, .arrow(canvas.theme.secondaryText, dash: []),
                "\(Format.count(canvas.arrowsShown)) of \(Format.count(canvas.arrowsTotal)) arrows shown")
        }
        if canvas.drewCounters {
            add(.counters, .counter(Palette.counterMemory), "resident memory")
            add(.counters, .counter(Palette.counterThreads), "scheduler threads alive")
        }
        return out
    }

    /// What a lock wait's colour stands for, by the kinds of lock waited for: "mutex", "semaphore", or
    /// "lock (mutex, semaphore)" when tasks waited for more than one kind (the lock lane says which).
    static func lockWaitWords(_ kinds: Set<LockKind>) -> String {
        let sorted = kinds.sorted()
        guard sorted.count > 1 else { return (sorted.first ?? .mutex).noun }
        return "lock (" + sorted.map(\.noun).joined(separator: ", ") + ")"
    }

    /// Lays the legend out from `top`, one group a row (wrapped under itself when long), each led by its name;
    /// returns the y below it.
    static func layout(view: TimelineView, canvas: LayoutCanvas, top: Double) -> Double {
        let entries = entries(view: view, canvas: canvas)
        guard !entries.isEmpty else { return top }
        let keyWidth = 16.0
        let groups = Group.allCases.filter { group in entries.contains { $0.group == group } }
        let headingWidth = (groups.map { canvas.measurer.width($0.rawValue, size: Metrics.legendSize, weight: .bold) }.max() ?? 0) + 12
        let left = Metrics.margin + headingWidth
        let right = canvas.width - Metrics.margin
        var y = top + 6
        let textColor = canvas.theme.text
        for group in groups {
            let heading = Rect(x: Metrics.margin, y: y, width: headingWidth, height: Metrics.legendRow)
            canvas.builder.add(canvas.text(group.rawValue, in: heading, size: Metrics.legendSize, weight: .bold, color: textColor),
                               to: .legend)
            var x = left
            for entry in entries where entry.group == group {
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
            y += Metrics.legendRow
        }
        return y
    }

    private static func drawKey(_ key: Key, at box: Rect, canvas: LayoutCanvas) {
        let mid = box.y + box.height / 2
        switch key {
        case let .swatch(color, thin):
            let h = thin ? box.height * 0.45 : box.height
            canvas.builder.add(.rect(Rect(x: box.x, y: mid - h / 2, width: box.width, height: h), fill: color), to: .legend)
        case let .band(color):
            canvas.builder.add(.rect(box, fill: color), to: .legend)
        case let .strip(color):
            canvas.builder.add(.rect(Rect(x: box.x, y: box.maxY - 2.5, width: box.width, height: 2.5), fill: color), to: .legend)
        case let .marker(shape):
            // A little larger than in the lanes; a timeout as the lanes draw it, larger and haloed.
            let center = Point(box.x + box.width / 2, mid)
            let timeout = PanelLayout.shape(of: .timeout)
            let items = shape == timeout
                ? PanelLayout.markerItems(.timeout, center: center, size: Metrics.timeoutMarkerSize, theme: canvas.theme)
                : [.marker(shape, center: center, size: 7, color: canvas.theme.marker)]
            for item in items { canvas.builder.add(item, to: .legend) }
        case .failure:
            for item in PanelLayout.failureItems(center: Point(box.x + box.width / 2, mid), theme: canvas.theme) {
                canvas.builder.add(item, to: .legend)
            }
        case let .countedMarker(shape):
            canvas.builder.add(.marker(shape, center: Point(box.x + 2.5, mid), size: 5, color: canvas.theme.marker), to: .legend)
            // The count may run a little past the key, into the gap before the entry's words.
            let clip = Rect(x: box.x + 6, y: box.y - 3, width: box.width - 2, height: box.height + 6)
            if let text = canvas.text("×2", in: clip, size: Metrics.markCountSize, color: canvas.theme.marker) {
                canvas.builder.add(text, to: .legend)
            }
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
        case let .striped(color):
            canvas.builder.add(.rect(box, fill: color), to: .legend)
            canvas.builder.add(.rect(Rect(x: box.x, y: mid - 1, width: box.width, height: 2), fill: canvas.theme.background),
                               to: .legend)
        case let .outlined(fill, stroke):
            canvas.builder.add(.rect(Rect(x: box.x + 0.5, y: box.y + 0.5, width: box.width - 1, height: box.height - 1),
                                     fill: fill, stroke: stroke), to: .legend)
        case let .hatched(color, thin, pattern):
            let h = thin ? box.height * 0.45 : box.height
            canvas.builder.add(.hatch(Rect(x: box.x, y: mid - h / 2, width: box.width, height: h), color: color, pattern: pattern),
                               to: .legend)
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
