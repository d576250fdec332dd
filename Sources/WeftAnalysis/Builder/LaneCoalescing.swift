import WeftTrace

/// A piece of a lane (a task's state interval, a thread's run slice, a thread's signalled wake-up) that a model built
/// for a picture may join with alike pieces of the same time cell.
protocol CoalescedPiece {
    var start: UInt64 { get set }
    var end: UInt64 { get set }
    /// Whether `other` is of the same kind (same state, same task on the thread) and may be joined with this one.
    func isAlike(_ other: Self) -> Bool
    /// Takes what `other`, joined into this piece, says about its end (why a slice ended, whether it migrated).
    mutating func absorb(_ other: Self)
}

extension StateInterval: CoalescedPiece {
    func isAlike(_ other: StateInterval) -> Bool { state == other.state }
    mutating func absorb(_ other: StateInterval) {}
}

extension RunSlice: CoalescedPiece {
    func isAlike(_ other: RunSlice) -> Bool { task == other.task && actor == other.actor }
    mutating func absorb(_ other: RunSlice) {
        endReason = other.endReason
        migrated = migrated || other.migrated
    }
}

extension SignalledWake: CoalescedPiece {
    func isAlike(_ other: SignalledWake) -> Bool { true }
    mutating func absorb(_ other: SignalledWake) {}
}

/// The group of joined pieces at the end of a lane: where it begins in the lane's list and which time cell it covers.
struct CellGroup: Equatable {
    /// Position in the list of the group's first piece; -1 when the lane ends with a piece drawn as it was.
    var first = -1
    var cell: UInt64 = 0
}

/// Joins a lane's pieces shorter than a time cell (`resolution` ns): within one cell, the pieces of one kind become one
/// piece as long as their sum, laid end to end from the first piece's start in the order the kinds first came, and the
/// cell's idle time goes after them. Every kind's total time is kept exactly and nothing moves by more than a cell;
/// pieces at least a cell long are kept as they are. With `resolution` 0 the lane is kept as it is.
enum LaneCoalescing {
    /// Joins `list[from...]` into `list[..<from]` in place, continuing `group` (the group open at `from`).
    static func coalesceTail<P: CoalescedPiece>(_ list: inout [P], from: Int, group: inout CellGroup,
                                                  resolution: UInt64) {
        guard from < list.count else { return }
        guard resolution > 0 else {
            group.first = -1
            return
        }
        var kept = from
        for i in from ..< list.count { place(list[i], in: &list, kept: &kept, group: &group, resolution: resolution) }
        list.removeLast(list.count - kept)
    }

    /// Joins the whole of `list` again at a coarser `resolution`; returns the group open at its end.
    static func recoalesce<P: CoalescedPiece>(_ list: inout [P], resolution: UInt64) -> CellGroup {
        var group = CellGroup()
        coalesceTail(&list, from: 0, group: &group, resolution: resolution)
        return group
    }

    /// Puts `piece` at the end of `list[..<kept]`: joined into its cell's group, or as a new piece.
    @inline(__always)
    private static func place<P: CoalescedPiece>(_ piece: P, in list: inout [P], kept: inout Int, group: inout CellGroup,
                                                  resolution: UInt64) {
        let length = piece.end - piece.start
        guard length < resolution else {
            list[kept] = piece
            kept += 1
            group.first = -1
            return
        }
        let cell = piece.start / resolution
        guard group.first >= 0, group.first < kept, group.cell == cell else {
            group = CellGroup(first: kept, cell: cell)
            list[kept] = piece
            kept += 1
            return
        }
        for j in group.first ..< kept where list[j].isAlike(piece) {
            list[j].end += length
            list[j].absorb(piece)
            for k in j + 1 ..< kept {
                list[k].start += length
                list[k].end += length
            }
            return
        }
        var joined = piece
        joined.start = list[kept - 1].end
        joined.end = joined.start + length
        list[kept] = joined
        kept += 1
    }
}

/// How much a model built for a picture keeps (`TimelineBuilder.build(from:detail:)`): every piece until the lanes
/// hold `budget` of them, then pieces shorter than a time cell joined per cell, the cell doubling while the lanes
/// stay over budget, down to `finestShare` of the time drawn: far finer than a pixel, so that the picture's columns
/// and its quiet stretches come out as from every piece.
public struct PictureDetail: Sendable, Equatable {
    /// Task state intervals, run slices and wake-ups kept before pieces are joined.
    public var budget: Int
    /// The time the picture spans (its window), when known before reading: cells stay finer than its
    /// `1 / finestShare`. Without it, the span read so far.
    public var window: UInt64?
    /// Cells are at most this fraction of the time drawn (2^-17: 16 times finer than a pixel of the widest picture).
    public var finestShare: UInt64

    public init(budget: Int = 2_000_000, window: UInt64? = nil, finestShare: UInt64 = 1 << 17) {
        self.budget = max(budget, 1)
        self.window = window
        self.finestShare = max(finestShare, 1)
    }
}

/// The builder's coalescing state while it builds for a picture.
struct CoalescingState {
    var detail: PictureDetail
    /// The current cell in ns (a power of two), 0 while every piece is kept.
    var resolution: UInt64 = 0
    /// Pieces appended since the lanes were last counted.
    var appended = 0
    /// Pieces to append before the lanes are counted again: a quarter of the budget, or a quarter of what they held
    /// when the cell could not bring them under it (lanes of pieces apart, too many to join), so that counting and
    /// joining again cost a bounded share of the reading.
    var nextCount = 0
    /// Per task position of the woken task: its last kept wake-up's cell, position in `wakes` and waker.
    var wakeCells: [Kept?] = []
    /// Per task position of the receiver: its last kept message's send cell, position in `flows` and sender.
    var flowCells: [Kept?] = []
    /// Per position in `flows`: whether it is free (a message counted into another and dropped).
    var freeFlow: [Bool] = []

    /// A task's last kept message or wake-up: its cell, its position, and the task it came from.
    struct Kept {
        var cell: UInt64
        var position: Int
        var from: TaskID
    }

    init(_ detail: PictureDetail) {
        self.detail = detail
    }

    /// The kept message or wake-up from `from` to the task at position `slot` in the cell of `time`, when there is
    /// one; otherwise `position` becomes that task's kept one and nil is returned.
    static func kept(from: TaskID, to slot: Int, at time: UInt64, position: Int, in cells: inout [Kept?],
                     resolution: UInt64) -> Int? {
        guard resolution > 0 else { return nil }
        if slot >= cells.count { cells += [Kept?](repeating: nil, count: max(slot + 1 - cells.count, cells.count)) }
        let cell = time / resolution
        if let kept = cells[slot], kept.cell == cell, kept.from == from { return kept.position }
        cells[slot] = Kept(cell: cell, position: position, from: from)
        return nil
    }
}

extension TimelineState {
    /// Counts `count` more pieces kept; every quarter budget, counts the lanes and coarsens the cell while they hold
    /// more than the budget.
    mutating func notePiecesKept(_ count: Int) {
        guard coalescing != nil, count > 0 else { return }
        coalescing!.appended += count
        guard coalescing!.appended >= max(coalescing!.nextCount, coalescing!.detail.budget / 4, 1) else { return }
        coalescing!.appended = 0
        coarsenWhileOverBudget()
    }

    /// Keeps a wake-up, or counts it into the one its pair already has in its cell (a model for a picture).
    mutating func keep(_ wake: WakeEdge, wakee t: Int) {
        if let resolution = coalescing?.resolution, resolution > 0,
           let kept = CoalescingState.kept(from: wake.waker, to: t, at: wake.time, position: wakes.count,
                                           in: &coalescing!.wakeCells, resolution: resolution) {
            wakes[kept].count &+= wake.count
            return
        }
        wakes.append(wake)
        if coalescing != nil { notePiecesKept(1) }
    }

    /// Message position `f` has both ends: a model for a picture counts it into the message its pair already has
    /// in the send's cell and frees its place.
    mutating func thinPairedFlow(_ f: Int) {
        guard let resolution = coalescing?.resolution, resolution > 0, let sent = flows[f].sent,
              let receiver = taskIndex.position(flows[f].receiver.rawValue) else { return }
        if coalescing!.freeFlow.count < flows.count {
            coalescing!.freeFlow += [Bool](repeating: false, count: flows.count - coalescing!.freeFlow.count)
        }
        if let kept = CoalescingState.kept(from: flows[f].sender, to: receiver, at: sent, position: f,
                                           in: &coalescing!.flowCells, resolution: resolution) {
            flows[kept].count &+= flows[f].count
            coalescing!.freeFlow[f] = true
            freeFlows.append(f)
        }
    }

    /// Whether message position `f` is free (counted into another).
    func isFreeFlow(_ f: Int) -> Bool {
        guard let free = coalescing?.freeFlow, f < free.count else { return false }
        return free[f]
    }

    /// The pieces the lanes hold now.
    private func piecesKept() -> Int {
        var count = wakes.count + flows.count - freeFlows.count
        for task in tasks { count += task.intervals.count }
        for thread in threads { count += thread.slices.count + thread.wakes.count }
        return count
    }

    /// Doubles the cell, joining every lane again, while the lanes hold more than the budget and the cell may grow.
    private mutating func coarsenWhileOverBudget() {
        guard let state = coalescing, let first = firstTime else { return }
        let span = max(state.detail.window ?? (lastTime - first), 1)
        let coarsest = max(span / state.detail.finestShare, 1)
        var resolution = state.resolution
        var kept = piecesKept()
        while kept > state.detail.budget {
            var next = resolution == 0 ? 1 : resolution << 1
            // Start eight doublings below the coarsest cell: finer ones would join almost nothing.
            if resolution == 0 { while next < coarsest >> 3 { next <<= 1 } }
            guard next <= coarsest else { break }
            resolution = next
            recoalesceAll(resolution: resolution)
            kept = piecesKept()
        }
        coalescing?.nextCount = kept > state.detail.budget ? kept / 4 : 0
    }

    /// Joins every lane again at `resolution`.
    private mutating func recoalesceAll(resolution: UInt64) {
        coalescing?.resolution = resolution
        for t in tasks.indices {
            if tasks[t].settled == tasks[t].intervals.count {
                tasks[t].recoalesce(resolution: resolution)
                continue
            }
            // Only the settled intervals: the rest are joined when they are settled.
            var settledPart = Array(tasks[t].intervals[..<tasks[t].settled])
            let pending = tasks[t].intervals[tasks[t].settled...]
            tasks[t].cellGroup = LaneCoalescing.recoalesce(&settledPart, resolution: resolution)
            tasks[t].settled = settledPart.count
            tasks[t].intervals = settledPart + pending
        }
        for th in threads.indices {
            threads[th].recoalesce(resolution: resolution)
        }
        var cells: [CoalescingState.Kept?] = []
        var kept = 0
        for i in wakes.indices {
            let wake = wakes[i]
            if let slot = taskIndex.position(wake.wakee.rawValue),
               let into = CoalescingState.kept(from: wake.waker, to: slot, at: wake.time, position: kept, in: &cells,
                                               resolution: resolution) {
                wakes[into].count &+= wake.count
            } else {
                wakes[kept] = wake
                kept += 1
            }
        }
        wakes.removeLast(wakes.count - kept)
        coalescing?.wakeCells = cells
        rethinFlows(resolution: resolution)
    }

    /// Counts every paired message into the one its pair keeps in its cell at `resolution`, freeing the others' places.
    /// The messages are taken in the order they were sent: freed places are filled again by later messages, so the
    /// list is not in time order, and a pair's messages of one cell would otherwise be apart and stay apart.
    private mutating func rethinFlows(resolution: UInt64) {
        var cells: [CoalescingState.Kept?] = []
        var free = coalescing?.freeFlow ?? []
        if free.count < flows.count { free += [Bool](repeating: false, count: flows.count - free.count) }
        var paired = flows.indices.filter { !free[$0] && flows[$0].sent != nil && flows[$0].received != nil }
        paired.sort { a, b in flows[a].start != flows[b].start ? flows[a].start < flows[b].start : a < b }
        for f in paired {
            guard let sent = flows[f].sent, let slot = taskIndex.position(flows[f].receiver.rawValue) else { continue }
            if let into = CoalescingState.kept(from: flows[f].sender, to: slot, at: sent, position: f, in: &cells,
                                               resolution: resolution) {
                flows[into].count &+= flows[f].count
                free[f] = true
                freeFlows.append(f)
            }
        }
        coalescing?.freeFlow = free
        coalescing?.flowCells = cells
    }
}

extension TaskBuild {
    /// Joins all its intervals again at a coarser `resolution` (every one settled).
    mutating func recoalesce(resolution: UInt64) {
        cellGroup = LaneCoalescing.recoalesce(&intervals, resolution: resolution)
        settled = intervals.count
    }

    /// Joins the intervals from position `from` on into the lane at `resolution`.
    mutating func coalesceIntervals(from: Int, resolution: UInt64) {
        guard from < intervals.count else { return }
        // The group is kept apart from the record (`TaskBuildExtras`): changed on a copy, stored only when it changed.
        var group = cellGroup
        LaneCoalescing.coalesceTail(&intervals, from: from, group: &group, resolution: resolution)
        if group != cellGroup { cellGroup = group }
    }
}

extension ThreadBuild {
    /// Joins the slice just appended into the lane at `resolution`.
    mutating func coalesceLastSlice(resolution: UInt64) {
        LaneCoalescing.coalesceTail(&slices, from: slices.count - 1, group: &sliceGroup, resolution: resolution)
    }

    /// Joins its slices and wake-ups again at a coarser `resolution`.
    mutating func recoalesce(resolution: UInt64) {
        sliceGroup = LaneCoalescing.recoalesce(&slices, resolution: resolution)
        wakeGroup = LaneCoalescing.recoalesce(&wakes, resolution: resolution)
    }

    /// Joins the signalled wake-up just appended into the thread's wake-ups at `resolution`.
    mutating func coalesceLastWake(resolution: UInt64) {
        LaneCoalescing.coalesceTail(&wakes, from: wakes.count - 1, group: &wakeGroup, resolution: resolution)
    }
}
