import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTrace

@Suite("Legend")
struct LegendTests {
    /// The legend of a picture that drew everything the legend can explain.
    func fullLegend(theme: Theme = .light) throws -> [LegendLayout.Entry] {
        let canvas = LayoutCanvas(measurer: try TextMeasurer(), theme: theme, width: 1600, gutterWidth: 100, start: 0,
                                  end: 1_000)
        canvas.usedStates = Set(LaneState.allCases)
        canvas.usedMarks = Set(Mark.Kind.allCases)
        canvas.usedLinks = Set(Link.Kind.allCases)
        canvas.drewTaskSlices = true
        canvas.usedTaskColors = Palette.taskColors.count
        canvas.drewOtherTask = true
        canvas.drewRepeatedColor = true
        canvas.drewFreeLine = true
        canvas.drewActorSlices = true
        canvas.drewActorJob = true
        canvas.drewActorQueue = true
        canvas.drewHeldThread = true
        canvas.drewWokenPoolThread = true
        canvas.drewDeadlock = true
        canvas.drewCounters = true
        canvas.arrowsTotal = 10
        canvas.drewIdleLine = true
        canvas.drewThreadDensity = true
        canvas.drewHeldDensity = true
        canvas.drewLockWait = true
        canvas.drewHolds = true
        canvas.drewDenseRun = true
        return LegendLayout.entries(view: .both, canvas: canvas)
    }

    /// The flat colour of an entry's key, for keys that are one colour.
    func flatColor(_ key: LegendLayout.Key) -> Color? {
        switch key {
        case let .swatch(color, _), let .strip(color): color
        default: nil
        }
    }

    @Test("a task suspended on Swift work is drawn as its own hatched state, not as a join, and the legend names it")
    func suspendedIsItsOwnState() throws {
        #expect(LaneState(.blocked(object: .none, reason: .suspended)) == .suspended)
        #expect(LaneState(.blocked(object: .none, reason: .join)) == .join)
        #expect(LaneState.suspended.isHatched && !LaneState.join.isHatched)
        let entries = try fullLegend()
        let suspended = try #require(entries.first { $0.label.hasPrefix("suspended: awaiting Swift work") })
        let join = try #require(entries.first { $0.label.contains("join") })
        #expect(suspended.key != join.key)
    }

    @Test("the scheduler-threads track steps at each thread's start and stop, the caller apart, and agrees with the lanes")
    func threadsAliveFromLifetimes() throws {
        let threads = [
            ThreadTrack(thread: ThreadID(1), label: "caller thread", slices: [], lifetime: TimeSpan(0, 100), role: .main),
            ThreadTrack(thread: ThreadID(2), label: "timer thread", slices: [], lifetime: TimeSpan(5, 90), role: .timer),
            ThreadTrack(thread: ThreadID(3), label: "thread of t1", slices: [], lifetime: TimeSpan(10, 50), role: .taskThread),
            ThreadTrack(thread: ThreadID(4), label: "thread of t2", slices: [], lifetime: TimeSpan(50, 80), role: .taskThread),
            ThreadTrack(thread: ThreadID(5), label: "thread of t3", slices: [], lifetime: TimeSpan(20, 60), role: .taskThread),
        ]
        let track = try #require(CounterTrack.threadsAlive(threads))
        let steps = track.points.map { [$0.time, $0.value] }
        // t2's thread starts as t1's stops at 50: never counted twice.
        #expect(steps == [[5, 1], [10, 2], [20, 3], [50, 3], [60, 2], [80, 1], [90, 0]])
        #expect(track.peak == 3)
        #expect(CounterTrack.threadsAlive([threads[0]]) == nil)
    }

    @Test("the diff's bars put each block reason in the timeline's family, a suspension with the join it looks like")
    func diffReasonFamilies() {
        let expected: [String: LaneState] = [
            "send": .channel, "receive": .channel, "select": .channel, "mutex": .mutex, "readlock": .mutex,
            "semaphore": .mutex, "waitgroup": .waitGroup, "once": .waitGroup, "join": .join, "suspended": .join,
            "condition": .condition, "sleep": .sleeping, "timer": .sleeping, "no such reason": .unknown,
        ]
        for (name, state) in expected { #expect(DiffLayout.laneState(reason: name) == state, "\(name)") }
        for reason in BlockReason.allCases { #expect(DiffLayout.laneState(reason: reason.description) != .unknown) }
    }

    @Test("a picture's legend names only what it drew, in groups read top to bottom: threads, tasks, marks, counters")
    func groupedAndOnlyWhatWasDrawn() throws {
        let scene = try TimelineLayout.contrast(DeadlockFixture.run(), DeadlockFixture.run(),
                                                options: RenderOptions(width: 1200), measurer: TextMeasurer())
        let legend = try #require(scene.layer("legend")).items.compactMap { item -> TextItem? in
            if case let .text(text) = item { text } else { nil }
        }
        let headings = legend.filter { $0.weight == .bold }
        #expect(headings.map(\.text) == ["Threads", "Tasks", "Marks", "Counters"])
        #expect(zip(headings, headings.dropFirst()).allSatisfy { $0.box.y < $1.box.y })
        let labels = legend.map(\.text)
        // Drawn: held threads, mutex waits, cancellations, spawns and locks, the deadlock instant.
        for drawn in ["held by its task", "blocked: mutex (on a lock lane", "cancelled by the runtime", "spawn", "lock",
                      "deadlock detected"] {
            #expect(labels.contains { $0.hasPrefix(drawn) }, "the legend lacks \(drawn)")
        }
        // Not drawn anywhere in either panel: no entry.
        for absent in ["blocked: channel", "sleeping", "blocked: condition", "pool thread free", "send", "receive",
                       "runs a task without a lane of its own", "past 8 tasks"] {
            #expect(!labels.contains { $0.hasPrefix(absent) }, "the legend names \(absent), which was not drawn")
        }
        // Each entry sits in its group's rows: below its heading, above the next group's.
        let states = try #require(legend.first { $0.text == "running" })
        #expect(states.box.y >= headings[1].box.y - 1 && states.box.y < headings[2].box.y)
    }

    @Test("no two legend entries share a key, and every arrow kind has its own line style")
    func distinctKeys() throws {
        let entries = try fullLegend()
        for (i, a) in entries.enumerated() {
            for b in entries[(i + 1)...] {
                #expect(a.key != b.key, "\(a.label) and \(b.label) share a key")
            }
        }
        let dashes = Link.Kind.allCases.map { PanelLayout.arrowStyle($0, theme: .light).dash }
        #expect(Set(dashes.map { $0.map { String($0) }.joined(separator: ",") }).count == dashes.count)
    }

    @Test("legend colours stay at least ColorVision.minimumDistance apart with deuteranopia and protanopia")
    func colourDistances() throws {
        let keyed = try fullLegend().compactMap { entry in flatColor(entry.key).map { (entry.label, $0) } }
        #expect(keyed.count >= 10)
        for (i, a) in keyed.enumerated() {
            for b in keyed[(i + 1)...] {
                for vision in ColorVision.allCases {
                    let d = vision.distance(a.1, b.1)
                    #expect(d >= ColorVision.minimumDistance, "\(a.0) vs \(b.0) with \(vision): ΔE \(d)")
                }
            }
        }
    }

    @Test("running, runnable, waking, blocked on a channel and on a mutex stay minimumNeighbourDistance apart")
    func neighbourStatesApart() {
        let states: [LaneState] = [.running, .runnable, .wakeLatency, .channel, .mutex]
        for (i, a) in states.enumerated() {
            for b in states[(i + 1)...] {
                let d = ColorVision.minimumDistance(Palette.color(of: a), Palette.color(of: b))
                #expect(d >= ColorVision.minimumNeighbourDistance, "\(a) vs \(b): ΔE \(d)")
            }
        }
        // The pairs once taken for one another: Okabe–Ito's orange and vermillion, orange and yellow, blue and sky blue.
        for (a, b) in [(0xE69F00, 0xD55E00), (0xE69F00, 0xF0E442), (0x0072B2, 0x56B4E9)] {
            #expect(ColorVision.minimumDistance(Color(hex: UInt32(a)), Color(hex: UInt32(b))) < ColorVision.minimumNeighbourDistance)
        }
    }

    @Test("each legend colour's nearest neighbour under every vision matches the golden file")
    func goldenColourDistances() throws {
        for theme in [("light", Theme.light), ("dark", Theme.dark)] {
            let keyed = try fullLegend(theme: theme.1).compactMap { entry in flatColor(entry.key).map { (entry.label, $0) } }
            var text = "# Legend colours (\(theme.0) theme): for each, the nearest other legend colour under each vision\n"
                + "# (CIE76 ΔE after simulating the deficiency; at least \(ColorVision.minimumDistance) is required).\n"
            var smallest = (distance: Double.infinity, line: "")
            for (i, a) in keyed.enumerated() {
                text += "\n\(a.1) \(a.0)\n"
                for vision in ColorVision.allCases {
                    let others = keyed.enumerated().filter { $0.offset != i }.map { ($0.element.0, vision.distance(a.1, $0.element.1)) }
                    guard let nearest = others.min(by: { $0.1 < $1.1 }) else { continue }
                    let d = (nearest.1 * 10).rounded() / 10
                    text += "  \(vision.rawValue): ΔE \(d) to \(nearest.0)\n"
                    if nearest.1 < smallest.distance {
                        smallest = (nearest.1, "ΔE \(d): \(a.0) and \(nearest.0), \(vision.rawValue)")
                    }
                }
            }
            text += "\nsmallest: \(smallest.line)\n"
            #expect(smallest.distance >= ColorVision.minimumDistance)
            try LayoutTests().golden("legend-colours-\(theme.0).txt", text)
        }
    }

    @Test("task colours are never taken for state colours, with any of the three visions, nor for one another")
    func taskColoursApartFromStates() {
        for task in Palette.taskColors + [Palette.otherTask] {
            for state in LaneState.allCases {
                let d = ColorVision.minimumDistance(task, Palette.color(of: state))
                #expect(d >= ColorVision.minimumDistance, "task colour \(task) vs \(state): ΔE \(d)")
            }
        }
        let colors = Palette.taskColors + [Palette.otherTask]
        for (i, a) in colors.enumerated() {
            for b in colors[(i + 1)...] {
                #expect(ColorVision.normal.distance(a, b) >= 20, "\(a) vs \(b) with normal vision")
                #expect(ColorVision.minimumDistance(a, b) >= ColorVision.minimumDistance, "\(a) vs \(b)")
            }
        }
    }

    @Test("no vivid task colour is taken for the pink of a wait group or join: minimumFromPink with every vision")
    func vividTaskColoursApartFromPink() {
        let pink = Palette.color(of: .waitGroup)
        for task in Palette.taskColors where ColorVision.normal.lch(task).c >= Palette.vividChroma {
            let d = ColorVision.minimumDistance(task, pink)
            #expect(d >= Palette.minimumFromPink, "task colour \(task) vs wait group's pink: ΔE \(d)")
        }
        // The magenta that strangers read as "blocked: wait group / join" is kept out, though 15 from every state.
        let magenta = Color(hex: 0xCC00AA)
        #expect(ColorVision.normal.lch(magenta).c >= Palette.vividChroma)
        #expect(ColorVision.minimumDistance(magenta, pink) < Palette.minimumFromPink)
    }

    @Test("no task colour is a blue: each hue stays stateHueGap from running's and blocked on a channel's")
    func taskColoursAreNotBlue() {
        let blues = [LaneState.running, .runningOrWaitingForCPU, .channel].map { ColorVision.normal.lch(Palette.color(of: $0)) }
        for task in Palette.taskColors {
            let seen = ColorVision.normal.lch(task)
            for blue in blues {
                let gap = ColorVision.hueDifference(seen.h, blue.h)
                #expect(seen.c < 15 || gap >= Palette.stateHueGap, "task colour \(task): hue \(seen.h)° is \(gap)° from a blue state's")
            }
        }
        // The blues this rule keeps out, which thread lanes once wore beside running's blue.
        for old in [Color(hex: 0x3322FF), Color(hex: 0x6699FF), Color(hex: 0x332288)] {
            let seen = ColorVision.normal.lch(old)
            #expect(ColorVision.hueDifference(seen.h, blues[0].h) < Palette.stateHueGap)
        }
    }

    @Test("task colours stand out on both backgrounds, and any two are 21 ΔE apart with normal vision, as promised")
    func taskColoursApart() {
        for task in Palette.taskColors {
            #expect(ColorVision.minimumDistance(task, Theme.light.background) >= Palette.minimumOnLight, "task colour \(task) on white")
            #expect(ColorVision.minimumDistance(task, Theme.dark.background) >= Palette.minimumOnDark, "task colour \(task) on dark")
        }
        // The pale lavender and mint that vanished as thin slices on white are kept out.
        for pale in [Color(hex: 0xBEBADA), Color(hex: 0xB0E8B8)] {
            #expect(ColorVision.minimumDistance(pale, Theme.light.background) < Palette.minimumOnLight)
        }
        for (i, a) in Palette.taskColors.enumerated() {
            for b in Palette.taskColors[(i + 1)...] { #expect(ColorVision.normal.distance(a, b) >= 21, "\(a) vs \(b)") }
        }
        // The two newest are apart from the grey of held threads too, which thread lanes draw beside them.
        for task in Palette.taskColors.suffix(2) {
            #expect(ColorVision.minimumDistance(task, Palette.heldThreads) >= ColorVision.minimumDistance)
        }
    }

    @Test("main and nine tasks (the actor-cache and task-group examples) wear ten colours, none twice, no repeat marked")
    func tenTasksNeverRepeat() {
        let tasks = (1...10).map { TaskID(UInt64($0)) }
        let coloring = TaskColoring(tasks)
        #expect(!coloring.repeats)
        #expect(Set(tasks.map { coloring.color($0) }).count == 10)
        #expect(tasks.allSatisfy { coloring.swatch($0).round == 0 })
    }

    @Test("the tasks drawn one by one wear distinct colours up to the palette's size, then numbered repeats; others one colour")
    func taskColoring() {
        let n = Palette.taskColors.count
        let drawn = (1...(n + 3)).map { TaskID(UInt64($0 * 4)) }
        let coloring = TaskColoring(drawn)
        let first = drawn.prefix(n).map { coloring.swatch($0) }
        #expect(Set(first.map(\.color)).count == n && first.allSatisfy { $0.round == 0 && $0.drawn })
        // Ids 4, 8, 12, … all fell on one colour when the colour came from the id.
        #expect(coloring.color(TaskID(4)) != coloring.color(TaskID(20)))
        let again = coloring.swatch(drawn[n])
        #expect(again.color == first[0].color && again.round == 1 && coloring.repeats)
        let other = coloring.swatch(TaskID(5))
        #expect(other.color == Palette.otherTask && !other.drawn)
        #expect(!TaskColoring(Array(drawn.prefix(n))).repeats)
    }

    @Test("the simulation matches known values: grey stays grey, red and green meet under deuteranopia")
    func simulation() {
        let grey = Color(hex: 0x808080)
        for vision in ColorVision.allCases { #expect(vision.distance(grey, grey) < 1e-9) }
        #expect(abs(ColorVision.normal.lab(Color(hex: 0xFFFFFF)).l - 100) < 0.01)
        let red = Color(hex: 0xD55E00), green = Color(hex: 0x009E73)
        #expect(ColorVision.deuteranopia.distance(red, green) < ColorVision.normal.distance(red, green) * 0.6)
    }
}
