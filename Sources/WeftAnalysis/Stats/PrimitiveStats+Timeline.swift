import WeftTrace

extension PrimitiveStats {
    /// One row per read-write mutex (its readers), semaphore, once, ticker and timer of the run, in that order;
    /// `waits` gives the blocked episodes on an object.
    static func all(in timeline: Timeline, waits: (BlockReason, UInt64) -> (count: Int, time: UInt64)) -> [PrimitiveStats] {
        func row(_ kind: String, _ reason: BlockReason, _ raw: UInt64, _ id: String, _ label: String, _ operations: Int,
                 _ detail: String) -> PrimitiveStats {
            let w = waits(reason, raw)
            return PrimitiveStats(kind: kind, id: id, label: label, operations: operations, detail: detail, waits: w.count,
                                  blocked: w.time)
        }
        var rows: [PrimitiveStats] = []
        for m in timeline.mutexes where m.isReadWrite {
            let peak = Self.peakOverlap(m.readHolds)
            rows.append(row("read lock", .readLock, m.id.rawValue, m.id.description, m.label, m.readHolds.count,
                            "up to \(peak) reader\(peak == 1 ? "" : "s") at once"))
        }
        for s in timeline.semaphores {
            rows.append(row("semaphore", .semaphore, s.id.rawValue, s.id.description, s.label, s.acquisitions,
                            "up to \(s.peakInUse) of \(s.permits) permits in use"))
        }
        for o in timeline.onces {
            let ran = o.began == nil ? 0 : 1
            let detail = o.began == nil ? "never ran" : "run by \(timeline.label(of: o.runner))"
                + (o.ended == nil ? ", not finished" : " in \(DurationFormat.format((o.ended ?? 0) &- (o.began ?? 0)))")
            rows.append(row("once", .once, o.id.rawValue, o.id.description, o.label, ran, detail))
        }
        for t in timeline.timers {
            var detail = "\(t.isTicker ? "every" : "after") \(DurationFormat.format(t.interval))"
            if t.isTicker && t.missed > 0 { detail += ", \(t.missed) missed" }
            if t.stopped != nil { detail += ", stopped" }
            rows.append(row(t.isTicker ? "ticker" : "timer", .timer, t.id.rawValue, t.id.description, t.label,
                            t.ticks.count, detail))
        }
        return rows
    }

    /// The most holds that overlap at one time.
    static func peakOverlap(_ holds: [LockHold]) -> Int {
        var edges: [(time: UInt64, delta: Int)] = []
        for h in holds {
            edges.append((h.start, 1))
            edges.append((h.end, -1))
        }
        edges.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var now = 0, peak = 0
        for edge in edges {
            now += edge.delta
            peak = max(peak, now)
        }
        return peak
    }
}
