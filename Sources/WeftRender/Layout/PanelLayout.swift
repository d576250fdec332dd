import WeftAnalysis
import WeftTrace

/// Lays out one run: its title, axis, thread lanes, task lanes and arrows, from `top` down.
struct PanelLayout {
    let timeline: RenderTimeline
    let options: RenderOptions
    let canvas: LayoutCanvas
    let lanes: LaneSelection
    let title: String
    let subtitle: String
    /// Whether the panel draws how its run ended (message, wait-for graph) under its header; a contrast picture draws
    /// both runs' endings once above the panels instead (`EndingLayout`).
    var showsEnding = true

    var theme: Theme { canvas.theme }
    var scale: TimeScale { canvas.scale }

    /// Lays the panel out; returns the y just below it.
    func layout(top: Double) -> Double {
        var y = top
        canvas.builder.add(canvas.text(title, in: canvas.row(y, Metrics.titleRow), size: Metrics.titleSize,
                                       weight: .bold, color: theme.text))
        y += Metrics.titleRow
        canvas.builder.add(canvas.text(subtitle, in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize,
                                       color: theme.secondaryText))
        y += Metrics.factsRow
        y = layoutProblem(top: y) + 4
        if timeline.facts.wakeLatency.total > 0 {
            if timeline.facts.scheduler == "thread-per-task" { canvas.drewWokenThreadLatency = true } else { canvas.drewPoolWakeLatency = true }
        }
        let axisTop = y
        y += Metrics.axisRow
        if !scale.folds.isEmpty {
            layoutFoldLabels(top: y)
            y += Metrics.foldRow
        }
        let notes = timeNotes
        if !notes.isEmpty {
            layoutTimeNotes(notes, top: y)
            y += Metrics.foldRow
        }
        if timeline.deadlock != nil {
            layoutDeadlockLabel(top: y)
            y += Metrics.foldRow
        }
        let lanesTop = y
        canvas.lockWaitKinds.formUnion(timeline.locks.filter { !$0.waits.isEmpty }.map(\.kind))
        var taskCenters: [TaskID: Double] = [:]
        if options.view.showsThreads {
            y = section("Threads", detail: threadDetail, top: y)
            y = layoutThreads(top: y)
        }
        if !lanes.shownLocks.isEmpty {
            y = section("Locks", detail: lockDetail, top: y)
            y = layoutLocks(top: y)
        }
        if !lanes.shownActors.isEmpty {
            y = section("Actors", detail: actorDetail, top: y)
            y = layoutActors(top: y)
        }
        if options.view.showsTasks {
            y = section("Tasks", detail: taskDetail, top: y)
            y = layoutTasks(top: y, centers: &taskCenters)
            layoutArrows(centers: taskCenters)
        }
        if lanes.shownThreads.isEmpty && lanes.restThreads.isEmpty && lanes.shownTasks.isEmpty && lanes.restTasks.isEmpty
            && lanes.shownLocks.isEmpty && lanes.shownActors.isEmpty {
            canvas.builder.add(canvas.text("nothing to draw: no threads or tasks in this view and window",
                                           in: canvas.plot(y, Metrics.sectionRow), size: Metrics.factsSize,
                                           color: theme.secondaryText))
            y += Metrics.sectionRow
        }
        if !timeline.counters.isEmpty {
            y = layoutCounters(top: y)
        }
        let headings = canvas.headingRows.filter { $0.lowerBound >= lanesTop && $0.upperBound <= y }
        AxisLayout.layout(canvas: canvas, labelRow: axisTop, gridTop: lanesTop, gridBottom: y, gaps: headings)
        layoutDeadlockLine(top: lanesTop, bottom: y)
        return y
    }

    /// The run's problem message and wait-for graph under the header, unless drawn elsewhere (`showsEnding`).
    private func layoutProblem(top: Double) -> Double {
        guard showsEnding else { return top }
        return layoutEnding(in: canvas.row(top, Metrics.factsRow), top: top)
    }

    /// Whether the run ended with a message worth showing (more than its one-word summary).
    var hasProblemMessage: Bool {
        guard let problem = timeline.facts.problem else { return false }
        return problem != timeline.facts.problemSummary
    }

    /// The run's whole problem message (how it ended) from `top` in `row`'s columns, one line per line of the message,
    /// long lines wrapped at word boundaries; at most `Metrics.maxProblemLines`, the last saying how many more there
    /// were. With `graph`, a deadlock's wait-for graph sits at the right of the message. Returns the y below.
    func layoutEnding(in row: Rect, top: Double, graph: Bool = true) -> Double {
        guard hasProblemMessage, let problem = timeline.facts.problem else { return top }
        var row = row
        let graphWidth = graph ? waitForGraphWidth : 0
        if graphWidth > 0 { row.width -= graphWidth + 16 }
        var lines = canvas.measurer.wrap(problem, maxWidth: row.width - 16, size: Metrics.factsSize)
        if lines.count > Metrics.maxProblemLines {
            let more = lines.count - (Metrics.maxProblemLines - 1)
            lines = Array(lines.prefix(Metrics.maxProblemLines - 1)) + ["… and \(Format.plural(more, "more line"))"]
        }
        var y = top
        for (i, line) in lines.enumerated() {
            let cell = Rect(x: row.x + (i == 0 ? 0 : 16), y: y, width: row.width - (i == 0 ? 0 : 16), height: Metrics.problemRow)
            canvas.builder.add(canvas.text(line, in: cell, size: Metrics.factsSize, color: theme.text))
            y += Metrics.problemRow
        }
        if graphWidth > 0 {
            let box = Rect(x: row.maxX + 16, y: top, width: graphWidth, height: max(Metrics.waitForGraphHeight, y - top))
            y = max(y, top + layoutWaitForGraph(in: box))
        }
        return y
    }

    /// Each task's lane label by id, for the thread, lock and actor lanes that write whose slice or hold a bar is.
    var taskLabels: [TaskID: String] {
        var labels: [TaskID: String] = [:]
        for task in timeline.tasks { labels[task.task] = task.label }
        return labels
    }

    /// "3 scheduler threads: 2 pool threads + timer thread · caller of Weft.run not counted": the count `weft stats`
    /// gives, by role; what the legend says (what a thread's bar means) is not said again.
    private var threadDetail: String {
        var text: String
        if let census = timeline.facts.census {
            var parts: [String] = []
            if census.workers > 0 { parts.append(Format.plural(census.workers, "pool thread")) }
            if census.taskThreads > 0 { parts.append("\(Format.count(census.taskThreads)) (one per task)") }
            parts += census.helperThreadWords()
            text = Format.plural(census.schedulerThreads, "scheduler thread") + (parts.isEmpty ? "" : ": " + parts.joined(separator: " + "))
            if census.caller { text += " · caller of Weft.run not counted" }
        } else {
            text = Format.plural(timeline.threads.count, "OS thread")
        }
        if !lanes.restThreads.isEmpty {
            text += " (\(Format.count(lanes.shownThreads.count)) drawn one by one" + (lanes.threadChoice.map { ": \($0)" } ?? "") + ")"
        }
        if let cores = timeline.facts.cores {
            let use = CoreUse(timeline.threads, cores: cores)
            if use.peak > cores {
                // Said by the lanes too where a task's running falls in those stretches (broken blue bars).
                let hatched = options.view.showsTasks
                    && timeline.tasks.contains { $0.spans.contains { $0.state == .runningOrWaitingForCPU } }
                text += " · up to \(use.peak) running on \(Format.plural(cores, "core")), more than cores for "
                    + DurationFormat.format(use.oversubscribed)
                    + (hatched ? " (broken bars: running or waiting for a CPU)" : ": part of “running” was waiting for a CPU")
            }
        }
        return text
    }

    private var lockDetail: String {
        let waitedFor = timeline.locks.filter { !$0.waits.isEmpty }
        var text = Self.lockCounts(timeline.locks) + ", \(Format.count(waitedFor.count)) waited for"
        if (1...2).contains(waitedFor.count) {
            // Few enough to name: which lock, and who waited for it.
            text += ": " + waitedFor.map { lock in
                let name = lock.label == lock.idText ? lock.idText : "\(lock.idText) \(lock.label)"
                guard !lock.waiters.isEmpty else { return name }
                return "\(name) by " + Self.waiterWords(lock.waiters)
            }.joined(separator: "; ")
        }
        if lanes.hiddenLocks > 0 {
            text += " (\(Format.count(lanes.shownLocks.count)) drawn: every one a task drawn waited for, then the most"
                + " waited-for; \(Format.count(lanes.hiddenLocks)) more not drawn)"
        }
        let waits = timeline.facts.lockWait
        if waits.total > 0 {
            // The tasks' time blocked on them, as stats sums its per-task lock waits: what the red waits add up to.
            text += " · tasks waited on them \(DurationFormat.format(waits.total)) in all" + (waits.tasks == 1
                ? " (1 task)" : " (\(TaskSum.unit) over \(Format.plural(waits.tasks, "task")))")
        }
        let shared = lanes.shownLocks.contains { $0.kind != .mutex }
        return text + " · bar: held, in the holder's colour" + (shared ? " (readers and permit holders may overlap)" : "")
    }

    /// Who waited for a lock, every one named: "t3", "t3 and t4", "t2, t3 and t4"; from five on, how many and their
    /// ids' range: "12 tasks (t3–t14)", or "12 tasks (among t3–t40)" where the ids between are not all of them.
    static func waiterWords(_ waiters: Set<TaskID>) -> String {
        let who = waiters.sorted()
        guard let first = who.first, let last = who.last else { return "no task" }
        if who.count <= 4 {
            let names = who.map(\.description)
            return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
        let contiguous = last.rawValue - first.rawValue + 1 == UInt64(who.count)
        return "\(Format.plural(who.count, "task")) (" + (contiguous ? "" : "among ") + "\(first)–\(last))"
    }

    /// "5 mutexes" or "1 rw-lock, 1 semaphore": how many locks of each kind, in the order mutex, rw-lock, semaphore.
    static func lockCounts(_ locks: [LockTrack]) -> String {
        LockKind.allCases.compactMap { kind in
            let n = locks.filter { $0.kind == kind }.count
            return n == 0 ? nil : Format.plural(n, kind.noun, kind.plural)
        }.joined(separator: ", ")
    }

    private var taskDetail: String {
        var total = lanes.shownTasks.count + lanes.restTasks.count
        var text = Format.plural(total, "task")
        // Counted as the panel's title counts them ("8 tasks + main"), not "9 tasks" under "8 tasks + main".
        if options.taskPattern == nil, timeline.tasks.contains(where: { $0.name == "main" }) {
            text = TimelineLayout.tasksText(total)
        }
        if let pattern = options.taskPattern {
            text += " matching “\(pattern)” of \(Format.count(timeline.tasks.count))"
        }
        total = lanes.shownTasks.count
        if !lanes.restTasks.isEmpty {
            text += " (\(Format.count(total)) drawn one by one" + (lanes.sameInEveryPanel ? ", the same in both panels" : "")
                + (lanes.taskChoice.map { ": \($0)" } ?? "") + ")"
        }
        text += runnableDetail + actorWaitDetail
        if timeline.facts.cpuStarved > 0 {
            let tasks = UInt64(max(timeline.facts.runnable.tasks, 1))
            text += " · “running” while its thread got no CPU (the thread's CPU clock stood still; broken blue bars): "
                + DurationFormat.format(timeline.facts.cpuStarved / tasks) + (tasks == 1 ? "" : " per task")
        }
        return text
    }

    /// " · waiting to run: each task waited 34.4 ms on average (310 ms over 9 tasks); 1.36 ms of it for an idle pool
    /// thread to wake up (23.3 µs of that for the OS to run the woken thread)": every kind of ready-to-run time,
    /// defined alike in both panels of a contrast picture so that they compare, led by its mean per task (a sum over
    /// thousands of tasks would read as alarming), then the part particular to the scheduler (multiplexed: waking an
    /// idle pool thread, and of that the OS's share, and apart from it a woken task queued behind its waker on the
    /// waker's pool thread; thread-per-task: the task's new thread starting), per task too,
    /// each saying what was waited for.
    private var runnableDetail: String {
        let facts = timeline.facts
        let runnable = facts.runnable
        guard runnable.total > 0 else { return "" }
        let tasks = UInt64(max(runnable.tasks, 1))
        func perTask(_ total: UInt64) -> String { DurationFormat.format(total / tasks) }
        var text = " · waiting to run: "
            + (runnable.tasks == 1 ? runnable.description
                : "each task waited \(perTask(runnable.total)) on average (\(DurationFormat.format(runnable.total)) over "
                    + "\(Format.plural(runnable.tasks, "task")))")
        var parts: [String] = []
        if facts.wakeLatency.total > 0 {
            // The OS's share is part of the idle time, so it is said inside that clause, not beside it as a sum.
            parts.append(timeline.facts.scheduler == "thread-per-task"
                ? "\(perTask(facts.wakeLatency.total)) of it, woken, for the OS to run its thread while a core was free"
                : "\(perTask(facts.wakeLatency.total)) of it for an idle pool thread to wake up"
                + (facts.osWakeDelay > 0 ? " (\(perTask(facts.osWakeDelay)) of that for the OS to run the woken thread)" : ""))
        }
        if facts.queuedBehindWaker > 0 {
            parts.append("\(perTask(facts.queuedBehindWaker)) of it queued behind the task that woke it, on that task's pool thread")
        }
        if facts.awaitingThread > 0 {
            parts.append("\(perTask(facts.awaitingThread)) of it for \(runnable.tasks == 1 ? "its" : "the task's") new thread to start")
        }
        if facts.frozenPoolThread > 0 {
            parts.append("\(perTask(facts.frozenPoolThread)) of it for the OS to run the busy pool thread that held the task")
        }
        if !parts.isEmpty { text += "; " + parts.joined(separator: "; ") }
        return text
    }

    /// " · waiting to enter a busy actor: 1.62 ms per task (6.47 ms task-time over 4 tasks)": the time the tasks that
    /// called a busy actor spent in its queue, which is not waiting to run and is not in that figure.
    private var actorWaitDetail: String {
        let waits = timeline.facts.actorWait
        guard waits.total > 0 else { return "" }
        return " · waiting to enter a busy actor: " + (waits.tasks == 1
            ? "\(DurationFormat.format(waits.total)) (1 task)"
            : "\(DurationFormat.format(waits.perTask)) per task (\(DurationFormat.format(waits.total)) \(TaskSum.unit) over "
                + "\(Format.plural(waits.tasks, "task")))")
    }

    /// A section heading row ("Threads · 3 OS threads") with a rule under it; returns the y below it.
    func section(_ name: String, detail: String, top: Double) -> Double {
        let first = canvas.row(top, Metrics.sectionRow)
        let heading = canvas.text(name, in: first, size: Metrics.sectionSize, weight: .bold, color: theme.text)
        canvas.builder.add(heading)
        var height = Metrics.sectionRow
        if let heading {
            // A detail too long for the row wraps at words onto further rows under it, never cut off.
            let x = heading.box.maxX + 8
            let width = first.maxX - x
            if width > 0 {
                let lines = canvas.measurer.wrap(detail, maxWidth: width, size: Metrics.factsSize)
                for (i, line) in lines.enumerated() {
                    let y = i == 0 ? first.y : first.maxY + Double(i - 1) * Metrics.sectionWrapRow
                    let cell = Rect(x: x, y: y, width: width, height: i == 0 ? first.height : Metrics.sectionWrapRow)
                    canvas.builder.add(canvas.text(line, in: cell, size: Metrics.factsSize, color: theme.secondaryText))
                }
                height += Double(max(lines.count - 1, 0)) * Metrics.sectionWrapRow
            }
        }
        let row = canvas.row(top, height)
        canvas.builder.add(.line(from: Point(row.x, row.maxY - 1), to: Point(row.maxX, row.maxY - 1),
                                 color: theme.rule, width: 0.5), to: .grid)
        canvas.headingRows.append(top...row.maxY)
        return top + height + Metrics.laneGap
    }

    /// Band behind every other lane and the lane's label in the gutter; a task's lane leads its label with a chip
    /// of the colour its slices wear in the thread and lock lanes (numbered from the second wearer of a colour on).
    func laneFrame(index: Int, label: String, top: Double, height: Double, chip: TaskColoring.Swatch? = nil) {
        if index % 2 == 1 {
            canvas.builder.add(.rect(canvas.row(top, height), fill: theme.laneBand), to: .background)
        }
        var cell = canvas.gutter(top, height)
        if let chip, chip.drawn {
            // A plain square; a repeat is a wider, taller chip with the round's number in it.
            let side = chip.round > 0 ? min(height - 2, 13) : 9.0
            let width = chip.round > 0 ? Metrics.chipWidth - 1 : side
            let box = Rect(x: cell.x, y: top + (height - side) / 2, width: width, height: side)
            canvas.builder.add(.rect(box, fill: chip.color), to: .labels)
            if chip.round > 0 {
                canvas.builder.add(canvas.text("\(chip.round + 1)", in: Rect(x: box.x, y: top, width: box.width, height: height),
                                               size: Metrics.markCountSize + 1, weight: .bold, alignment: .center,
                                               color: theme.textColor(on: chip.color), minimumCharacters: 1))
            }
            cell.x += Metrics.chipWidth + 2
            cell.width -= Metrics.chipWidth + 2
        }
        // Too long for the gutter: shortened at a word boundary, never mid-word when a word fits.
        let fitted = canvas.measurer.abbreviate(label, maxWidth: cell.width, size: Metrics.laneLabelSize) ?? label
        canvas.builder.add(canvas.text(fitted, in: cell, size: Metrics.laneLabelSize, color: theme.text))
    }

    /// Band, label and notes (one a line) of a density row `height` tall, in the gutter.
    func densityFrame(label: String, notes: [String], top: Double, height: Double) {
        canvas.builder.add(.rect(canvas.row(top, height), fill: theme.laneBand), to: .background)
        let line = 15.0
        canvas.builder.add(canvas.text(label, in: canvas.gutter(top + 2, line), size: Metrics.laneLabelSize,
                                       weight: .bold, color: theme.text))
        for (i, note) in notes.enumerated() where top + 2 + line * Double(i + 2) <= top + height {
            canvas.builder.add(canvas.text(note, in: canvas.gutter(top + 2 + line * Double(i + 1), line),
                                           size: Metrics.axisSize, color: theme.secondaryText))
        }
    }

    /// Draws stacked areas from per-column values (already fractions 0…1 of the row) bottom-up in `order`.
    func stackedAreas(_ layers: [(Color, [Double])], top: Double, height: Double, hatched: Set<Int> = []) {
        guard let columns = layers.first?.1.count, columns > 0 else { return }
        let bin = scale.plotWidth / Double(columns)
        var base = [Double](repeating: 0, count: columns)
        let bottom = top + height
        for (index, (color, values)) in layers.enumerated() {
            guard values.contains(where: { $0 > 0.0005 }) else { continue }
            var upper: [Point] = []
            var lower: [Point] = []
            upper.reserveCapacity(columns * 2)
            lower.reserveCapacity(columns * 2)
            for c in 0..<columns {
                let x0 = scale.x0 + Double(c) * bin
                let b = base[c]
                let t = min(b + values[c], 1)
                lower.append(Point(x0, bottom - b * height))
                lower.append(Point(x0 + bin, bottom - b * height))
                upper.append(Point(x0, bottom - t * height))
                upper.append(Point(x0 + bin, bottom - t * height))
                base[c] = t
            }
            let outline = Self.simplify(upper) + Self.simplify(lower.reversed())
            canvas.builder.add(hatched.contains(index) ? .hatchedArea(outline, color: color)
                                   : .polyline(outline, color: color, width: 0, fill: color), to: .lanes)
        }
    }

    /// Drops points that lie on a horizontal line between their neighbours (keeps SVG small).
    static func simplify(_ points: [Point]) -> [Point] {
        guard points.count > 2 else { return points }
        var out = [points[0]]
        for i in 1..<(points.count - 1) {
            let p = points[i]
            if abs(p.y - out[out.count - 1].y) < 0.05 && abs(p.y - points[i + 1].y) < 0.05 { continue }
            out.append(p)
        }
        out.append(points[points.count - 1])
        return out
    }
}
