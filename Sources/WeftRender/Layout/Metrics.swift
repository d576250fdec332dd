import WeftAnalysis

/// Sizes of the picture's parts, in pixels and points.
enum Metrics {
    static let margin = 14.0
    static let titleSize = 16.0
    static let factsSize = 12.0
    static let sectionSize = 12.0
    static let laneLabelSize = 11.0
    static let sliceLabelSize = 10.0
    static let axisSize = 10.0
    static let legendSize = 11.0

    static let titleRow = 24.0
    static let factsRow = 18.0
    static let axisRow = 18.0
    static let sectionRow = 22.0
    /// Each further row of a section's detail when it wraps.
    static let sectionWrapRow = 15.0
    static let threadLane = 22.0
    static let taskLane = 16.0
    static let lockLane = 20.0
    /// The narrowest stretch of a thread lane's run drawn hatched (running or waiting for a CPU); narrower, it is flat.
    static let minHatchedSlice = 2.0
    /// How tall a machine stall's mark under the axis is drawn (px).
    static let stallMark = 6.0
    /// The narrowest a machine stall's mark is drawn (px), and the gap under which two marks merge: narrower, a
    /// mark reads as a tick marking an event.
    static let minimumStallBand = 6.0
    /// Added to a semaphore's lock lane for each permit row past the first, and the most such rows.
    static let permitRow = 11.0
    static let maxPermitRows = 4
    /// An actor lane: its busy bar over its queue strip.
    static let actorBar = 18.0
    static let actorQueue = 11.0
    static var actorLane: Double { actorBar + actorQueue }
    static let laneGap = 2.0
    static let densityRow = 50.0
    static let threadDensityRow = 66.0
    static let panelGap = 18.0
    static let legendRow = 18.0
    /// Width of every folded stretch of the time axis: a narrow break, whatever it hides (`FoldWidths`).
    static let foldWidth = 14.0
    /// The row under the axis that says what was folded.
    static let foldRow = 15.0
    /// The triangle over the instant a deadlock was detected.
    static let deadlockMarker = 9.0
    /// The least width of the wait that closed a deadlock's cycle, drawn ending at the deadlock line: begun at the
    /// instant the runtime found the cycle, it would be drawn zero wide.
    static let closingWait = 6.0
    /// The height of a lock lane's red strip where tasks wait for the lock.
    static let lockWaitStrip = 3.0
    /// Lines of a run's problem message under its header.
    static let problemRow = 16.0
    static let maxProblemLines = 12
    /// The wait-for graph beside a deadlocked run's message.
    static let waitForGraphWidth = 560.0
    static let waitForGraphHeight = 190.0
    /// A counter track (resident memory, threads alive) under a panel's lanes.
    static let counterTrack = 30.0
    /// The verdict sentences that open a contrast picture.
    static let verdictSize = 13.0
    static let verdictRow = 19.0
    /// The verdict's detail under its headline: the statistics and the drawn runs' particulars.
    static let verdictDetailSize = 11.5
    static let verdictDetailRow = 16.0

    /// The colour chip before a task lane's label (and the room it takes, with a gap).
    static let chipWidth = 14.0
    /// Gutter (lane labels) width bounds.
    static let minGutter = 96.0
    static let maxGutter = 240.0
    /// Slices narrower than this get no label.
    static let minLabelledSlice = 16.0
    /// The narrowest an actor lane's job, or a task's stretch on it, is drawn (`PanelLayout.visible`).
    static let minimumActorSlice = 3.0
    /// The height of the mark along the foot of a slice that ran on an actor.
    static let actorMark = 3.0
    /// Pixels per arrow at most: beyond this, arrows are thinned.
    static let pixelsPerArrow = 4.0
    /// A task lane's mark (spawn, send, …), and the room between two marks of a crowd (`MarkCrowds`).
    static let markerSize = 5.0
    /// A timeout's mark, drawn larger than the rest on a halo of the background (`markerHalo` wider) to be found at a
    /// glance.
    static let timeoutMarkerSize = 10.0
    static let markerHalo = 3.0
    static let markerGap = 1.5
    /// Room kept free between two crowds of marks on a lane, so that their summaries never run together.
    static let crowdSpacing = 5.0
    static let markCountSize = 9.0
    /// Pixel columns per density bin.
    static let densityBin = 2.0
}

/// Numbers as people read them.
enum Format {
    /// "10,000".
    static func count(_ n: Int) -> String { CountFormat.grouped(n) }

    /// "1 thing" / "2 things".
    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        CountFormat.counted(n, word, plural: plural)
    }
}
