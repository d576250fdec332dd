/// The state one layout pass shares between its parts: the scene being built, the measurer, the theme, and the
/// horizontal frame (gutter for lane labels, plot area for time).
final class LayoutCanvas {
    var builder = SceneBuilder()
    let measurer: TextMeasurer
    let theme: Theme
    let width: Double
    /// Left edge of the lane labels and their width.
    let gutterX: Double
    let gutterWidth: Double
    let scale: TimeScale
    /// How many arrows the thinning dropped, over all panels.
    var arrowsShown = 0
    var arrowsTotal = 0
    /// Whether any run of merged slices was drawn (the legend then explains it).
    var drewDenseRun = false
    /// A task's code ran on an actor somewhere in a thread lane (the actor mark).
    var drewActorSlices = false
    var drewThreadDensity = false
    var drewLockWait = false
    /// An actor lane's busy box (an actor job) and its queue strip (tasks waiting to enter).
    var drewActorJob = false
    var drewActorQueue = false
    /// The most tasks waiting to enter one actor at once, over every actor lane drawn: the queue strips' full height.
    var actorQueuePeak = 0
    /// What was drawn, so that the legend explains exactly that.
    var usedStates = Set<LaneState>()
    /// Which schedulers' panels showed wake-up latency: a parked pool thread waking (multiplexed), a woken thread
    /// waiting for the OS to run it while a core was free (thread-per-task).
    var drewPoolWakeLatency = false
    var drewWokenThreadLatency = false
    var usedMarks = Set<Mark.Kind>()
    /// The kind of the first marker that stood for several marks of one kind, with its count ("×5"), if any did.
    var countedMark: Mark.Kind?
    var usedLinks = Set<Link.Kind>()
    var drewHolds = false
    /// The kinds of lock tasks waited for in the runs drawn: the legend names the lock wait's colour after them.
    var lockWaitKinds = Set<LockKind>()
    /// Whether a timeout's mark was followed by the word "timeout" somewhere.
    var drewTimeoutLabel = false
    var drewTaskSlices = false
    /// How many task colours the thread and lock lanes used (the most any panel gave out).
    var usedTaskColors = 0
    /// A slice of a task not drawn one by one (`Palette.otherTask`).
    var drewOtherTask = false
    /// A slice in a colour worn a second time (striped), past `Palette.taskColors.count` tasks.
    var drewRepeatedColor = false
    var drewIdleLine = false
    /// A pool thread drawn free (alive, running nothing: any task may take it).
    var drewFreeLine = false
    /// A thread lane's run drawn hatched: more threads ran tasks than cores (running or waiting for a CPU).
    var drewCrowdedSlice = false
    /// A thread-per-task thread drawn held by its waiting task.
    var drewHeldThread = false
    /// A task's own thread idle while its task ran on another (its code on an actor another thread ran).
    var drewOwnerElsewhere = false
    /// A pool thread drawn with work in its queue that the OS did not run (`ThreadTrack.frozen`).
    var drewFrozenPoolThread = false
    /// A pool thread drawn woken, waiting for a CPU (`ThreadTrack.woken`).
    var drewWokenPoolThread = false
    /// A thread density row showed a share of threads held by their waiting tasks.
    var drewHeldDensity = false
    /// A deadlock instant was marked.
    var drewDeadlock = false
    /// A band over a stall of the whole process (`MachineStalls`) was drawn.
    var drewStall = false
    /// A task's failure (its end by throwing) was marked.
    var drewFailure = false
    /// Counter tracks were drawn.
    var drewCounters = false
    /// The rows of the section headings laid out so far ("Threads 3 scheduler threads: …"), top to bottom: the fold
    /// breaks leave a gap there, so that no zigzag crosses their words.
    var headingRows: [ClosedRange<Double>] = []
    /// Each counter's vertical scale (its lowest and highest value over every run drawn), so that panels compare.
    var counterRanges: [CounterTrack.Kind: (UInt64, UInt64)] = [:]

    init(measurer: TextMeasurer, theme: Theme, width: Double, gutterWidth: Double, start: UInt64, end: UInt64,
         folds: [TimeFold] = []) {
        self.measurer = measurer
        self.theme = theme
        self.width = width
        gutterX = Metrics.margin
        self.gutterWidth = gutterWidth
        let x0 = Metrics.margin + gutterWidth + 8
        scale = TimeScale(start: start, end: end, x0: x0, x1: width - Metrics.margin, folds: folds)
    }

    /// The full-width row from the left margin to the right margin, `height` tall at `y`.
    func row(_ y: Double, _ height: Double) -> Rect {
        Rect(x: Metrics.margin, y: y, width: width - 2 * Metrics.margin, height: height)
    }

    /// The gutter cell for a lane at `y`.
    func gutter(_ y: Double, _ height: Double) -> Rect {
        Rect(x: gutterX, y: y, width: gutterWidth, height: height)
    }

    /// The plot area between `y` and `y + height`.
    func plot(_ y: Double, _ height: Double) -> Rect {
        Rect(x: scale.x0, y: y, width: scale.plotWidth, height: height)
    }

    /// Text placed on the baseline that centres it vertically in `cell`.
    func text(_ s: String, in cell: Rect, x: Double? = nil, size: Double, weight: FontWeight = .regular,
              alignment: TextAlignment = .left, color: Color, minimumCharacters: Int = 1) -> TextItem? {
        let (ascent, descent) = measurer.extents(size: size, weight: weight)
        let baseline = cell.y + (cell.height + ascent - descent) / 2
        let anchor = x ?? (alignment == .left ? cell.x : alignment == .right ? cell.maxX : cell.x + cell.width / 2)
        return measurer.place(s, x: anchor, baseline: baseline, size: size, weight: weight, alignment: alignment,
                              color: color, clip: cell, minimumCharacters: minimumCharacters)
    }

    /// The gutter width that fits `labels` at lane-label size, within the bounds.
    static func gutterWidth(for labels: [String], measurer: TextMeasurer) -> Double {
        gutterWidth(for: labels.map { ($0, FontWeight.regular, 0) }, measurer: measurer)
    }

    /// The gutter width that fits `labels`, each at lane-label size in its weight after its indent (a task's colour
    /// chip), within the bounds.
    static func gutterWidth(for labels: [(String, FontWeight, Double)], measurer: TextMeasurer) -> Double {
        var widest = 0.0
        for (label, weight, indent) in labels {
            widest = max(widest, indent + measurer.width(label, size: Metrics.laneLabelSize, weight: weight))
        }
        return min(max(widest + 6, Metrics.minGutter), Metrics.maxGutter)
    }
}
