import WeftTrace

extension PrimitiveStats {
    /// One row per read-write mutex (its readers), semaphore, once, ticker and timer of the run, in that order;
    /// `tallies` holds their read holds, permit changes and ticks, and the blocked episodes on each.
    static func all(in timeline: Timeline, tallies: RunStatsAccumulator) -> [PrimitiveStats] {
        let waits = tallies.waits
        func row(_ kind: String, _ reason: BlockReason, _ raw: UInt64, _ id: String, _ label: String, _ operations: Int,
                 _ detail: String) -> PrimitiveStats {
            let w = waits(reason, raw)
            return PrimitiveStats(kind: kind, id: id, label: label, operations: operations, detail: detail, waits: w.count,
                                  blocked: w.time)
        }
        var rows: [PrimitiveStats] = []
        for m in timeline.mutexes where m.isReadWrite {
            let readers = tallies.readers[m.id.rawValue] ?? RunStatsAccumulator.ReadTally()
            let peak = readers.overlap.peak
            rows.append(row("read lock", .readLock, m.id.rawValue, m.id.description, m.label, readers.acquisitions,
                            "up to \(peak) reader\(peak == 1 ? "" : "s") at once"))
        }
        for s in timeline.semaphores {
            let use = tallies.permits[s.id.rawValue] ?? RunStatsAccumulator.PermitTally()
            rows.append(row("semaphore", .semaphore, s.id.rawValue, s.id.description, s.label, use.acquisitions,
                            "up to \(use.peakInUse(of: s.permits)) of \(s.permits) permits in use"))
        }
        for o in timeline.onces {
            let ran = o.began == nil ? 0 : 1
            let detail = o.began == nil ? "never ran" : "run by \(timeline.label(of: o.runner))"
                + (o.ended == nil ? ", not finished" : " in \(DurationFormat.format((o.ended ?? 0) &- (o.began ?? 0)))")
            rows.append(row("once", .once, o.id.rawValue, o.id.description, o.label, ran, detail))
        }
        for t in timeline.timers {
            let ticks = tallies.ticks[t.id.rawValue] ?? RunStatsAccumulator.TickTally()
            var detail = "\(t.isTicker ? "every" : "after") \(DurationFormat.format(t.interval))"
            if t.isTicker && ticks.missed > 0 { detail += ", \(ticks.missed) missed" }
            if t.stopped != nil { detail += ", stopped" }
            rows.append(row(t.isTicker ? "ticker" : "timer", .timer, t.id.rawValue, t.id.description, t.label,
                            ticks.ticks, detail))
        }
        return rows
    }
}
