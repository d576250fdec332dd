/// Colour-blind-safe colours: Okabe–Ito for task states, and task colours searched to stay clear of them.
public enum Palette {
    /// Okabe & Ito (2008), safe for the common forms of colour blindness.
    public static let okabeIto: [Color] = [
        Color(hex: 0xE69F00), // orange
        Color(hex: 0x56B4E9), // sky blue
        Color(hex: 0x009E73), // bluish green
        Color(hex: 0xF0E442), // yellow
        Color(hex: 0x0072B2), // blue
        Color(hex: 0xD55E00), // vermillion
        Color(hex: 0xCC79A7), // reddish purple
        Color(hex: 0x000000), // black
    ]

    /// Colours that tell the tasks drawn one by one apart in thread and lock lanes, in the order lanes take them:
    /// none can be taken for a state colour, with normal vision or with deuteranopia or protanopia (`ColorVision`, at
    /// least `ColorVision.minimumDistance` from every state), none is a blue (each hue at least `stateHueGap` from
    /// running's and blocked on a channel's, which task lanes draw beside them), none is too pale to see on white
    /// (`minimumOnLight`) or too dark on the dark theme (`minimumOnDark`), and any two are at least 21 ΔE apart with
    /// normal vision and 15 with either deficiency; a vivid one (chroma at least `vividChroma`) is moreover
    /// `minimumFromPink` from the pink of waiting on a wait group or a join, which a magenta fifth colour was taken
    /// for. Purple, khaki, maroon, spring green, violet, olive, dark violet, leaf green, plum and orchid, found by
    /// searching the colours that keep every one of these distances (with blue ruled out, purples and greens of several
    /// lightnesses are what is left); light and dark alternate, so that neighbouring lanes differ most. Ten, so that a program of main and up to nine tasks never wears a colour twice;
    /// past these, colours repeat (`TaskColoring`), and a repeat is told apart by its numbered chip, the stripe across
    /// its slices and the id its slices are labelled with.
    public static let taskColors: [Color] = [
        Color(hex: 0x7700AA), Color(hex: 0xBBBB88), Color(hex: 0x770000), Color(hex: 0x77DD55),
        Color(hex: 0xBB00FF), Color(hex: 0x887744), Color(hex: 0x662277), Color(hex: 0x77AA44),
        Color(hex: 0x664466), Color(hex: 0xCC66FF),
    ]

    /// The least hue angle (CIELAB, normal vision, degrees) between a task colour and running's or blocked on a
    /// channel's blue: a task colour of a blue hue reads as "running" in a thread lane, however light or dark.
    public static let stateHueGap = 50.0
    /// The least ΔE (with every vision) between a vivid task colour and the pink of a wait group, join or suspended
    /// wait: a magenta 24 ΔE from it (with deuteranopia) was read as "blocked: wait group / join".
    public static let minimumFromPink = 30.0
    /// The chroma (CIELAB, normal vision) from which a task colour counts as vivid for `minimumFromPink`; a greyish
    /// plum reads as plum, not as pink.
    public static let vividChroma = 40.0
    /// The least ΔE (with every vision) between a task colour and the light theme's white, and the dark theme's
    /// background: a paler colour is barely seen as a thin slice.
    public static let minimumOnLight = 35.0
    public static let minimumOnDark = 25.0

    /// The one colour of every task not drawn one by one (counted in a density row): a taupe at least 18 ΔE from
    /// every state and task colour with each of the three visions, so that no slice of such a task is taken for a
    /// task whose lane is drawn.
    public static let otherTask = Color(hex: 0x685038)

    /// Threads held by their waiting task, as a share of a thread density row (thread-per-task): the held lanes'
    /// hatching is in each task's colour; the share's, one slate grey for all, the colour of no task (a violet share
    /// was taken for main's thread).
    public static let heldThreads = Color(hex: 0x6E7781)

    /// A pool thread woken by the pool and not yet run by the OS (`ThreadTrack.woken`): a vivid yellow, kin of the pale
    /// yellow of the tasks that wait for it to wake, and at least 20 ΔE (every vision) from every other legend, state
    /// and task colour and from both backgrounds: the non-blue colour farthest from all of them that is not too pale.
    public static let wokenPoolThread = Color(hex: 0xFFDD00)

    /// The counter tracks' colours: resident memory and OS threads alive.
    public static let counterMemory = Color(hex: 0x882255)
    public static let counterThreads = Color(hex: 0x117733)
    /// The mark under a thread's slice that ran a task's code on an actor: a lighter kin of waiting for an actor's red,
    /// at least ColorVision.minimumDistance from every other legend colour.
    public static let actorMark = Color(hex: 0xDD5500)

    /// The colour of a task state, the same in every theme. Waiting for its new thread to start shares runnable's
    /// orange and is told apart by its hatching, as suspended on Swift work shares join's, waiting for an actor
    /// shares mutex's and running while more threads ran than cores (perhaps waiting for a CPU) shares running's (drawn
    /// broken, not hatched); a cancellation is hatched black. A pool thread waking, before or after the pool signalled
    /// it, is one pale yellow: both are the time a parked thread takes to wake. Running, runnable, waking, blocked on a
    /// channel and blocked on a mutex, which lie side by side on most lanes, stay `ColorVision.minimumNeighbourDistance`
    /// apart: a red lock, not a second orange; a pale sky channel, not a second blue.
    public static func color(of state: LaneState) -> Color {
        switch state {
        case .running, .runningOrWaitingForCPU: Color(hex: 0x0072B2)
        case .runnable, .awaitingThread, .ownThreadOnActor: Color(hex: 0xE69F00)
        case .wakeLatency, .osWakeDelay: Color(hex: 0xFFEE88)
        case .cancelled: Color(hex: 0x000000)
        case .channel: Color(hex: 0x77CCFF)
        case .mutex, .actor: Color(hex: 0xBB1100)
        case .waitGroup, .join, .suspended: Color(hex: 0xCC79A7)
        case .condition: Color(hex: 0x009E73)
        case .sleeping: Color(hex: 0xBDBDBD)
        case .unknown: Color(hex: 0x666666)
        }
    }
}
