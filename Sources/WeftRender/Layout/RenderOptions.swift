import WeftAnalysis

/// Which lanes a picture shows.
public enum TimelineView: String, Sendable, CaseIterable {
    /// One lane per OS thread: which task ran when (the resources view).
    case threads
    /// One lane per task: its states over time (the control-flow view).
    case tasks
    /// Threads above tasks.
    case both

    var showsThreads: Bool { self != .tasks }
    var showsTasks: Bool { self != .threads }
}

/// How the time axis maps time to width.
public enum TimeAxisMode: String, Sendable, CaseIterable {
    /// Long stretches in which nothing changes are folded into narrow, labelled breaks.
    case folded
    /// One plain linear axis.
    case linear
}

/// Everything that shapes a picture apart from the run itself.
public struct RenderOptions: Sendable {
    /// Picture width in pixels.
    public var width: Int
    public var view: TimelineView
    /// Start of the time window in ns since trace start (nil: the start).
    public var from: UInt64?
    /// End of the time window (nil: the end of the run).
    public var to: UInt64?
    /// Only tasks whose label matches (glob with * and ?, or a substring); nil for all.
    public var taskPattern: String?
    public var theme: Theme
    /// Replaces the title made from program and scheduler.
    public var title: String?
    /// A line under the title of a contrast picture that says what the program does; nil: none.
    public var description: String?
    /// The sentences atop a contrast picture; nil: `ContrastVerdict`'s, from the two runs' facts alone.
    public var verdict: VerdictText?
    /// Every run's wall time under each panel's scheduler, in panel order (`a` then `b`), when a contrast picture's
    /// runs were repeated (`weft compare --repeat N`): the runs strip under the verdict draws them. Nil, or a single
    /// run of either, draws no strip.
    public var wallTimeRuns: [WallTimeRuns]?
    /// Most thread lanes drawn one by one; the rest become one density row.
    public var maxThreadLanes: Int
    /// Most task lanes drawn one by one; the rest become one density row.
    public var maxTaskLanes: Int
    /// Most mutex lanes (the most waited-for); 0 hides the locks section.
    public var maxLockLanes: Int
    /// Most actor lanes (the busiest); 0 hides the actors section.
    public var maxActorLanes = 6
    /// Folded (the default) or plain linear time.
    public var time: TimeAxisMode

    public init(width: Int = 1600, view: TimelineView = .both, from: UInt64? = nil, to: UInt64? = nil,
                taskPattern: String? = nil, theme: Theme = .light, title: String? = nil,
                maxThreadLanes: Int = 24, maxTaskLanes: Int = 32, maxLockLanes: Int = 6, time: TimeAxisMode = .folded) {
        self.time = time
        self.maxLockLanes = maxLockLanes
        self.width = width
        self.view = view
        self.from = from
        self.to = to
        self.taskPattern = taskPattern
        self.theme = theme
        self.title = title
        self.maxThreadLanes = maxThreadLanes
        self.maxTaskLanes = maxTaskLanes
    }

    /// Most thread lanes and task lanes per panel of a contrast picture.
    public static let contrastThreadLanes = 12
    public static let contrastTaskLanes = 12
    public static let contrastLockLanes = 3
    public static let contrastActorLanes = 3

    /// Narrowest picture that still has room for labels and a plot.
    public static let minimumWidth = 400
}
