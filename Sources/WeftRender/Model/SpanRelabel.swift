/// Re-colours the parts of a task's spans that fall inside given time intervals: how the picture tells apart the
/// kinds of "ready to run" (waiting for a CPU, for its new thread to start, for an idle pool thread to wake) and
/// marks what happened after a deadlock.
enum SpanRelabel {
    /// `spans` with every part that overlaps `intervals` (sorted by start, not overlapping) and whose state passes
    /// `matches` given `state` instead; other parts are kept as they were.
    static func relabel(_ spans: [StateSpan], inside intervals: [TimeSpan], as state: LaneState,
                        where matches: (LaneState) -> Bool) -> [StateSpan] {
        guard !intervals.isEmpty, spans.contains(where: { matches($0.state) }) else { return spans }
        var out: [StateSpan] = []
        out.reserveCapacity(spans.count + 2)
        for span in spans {
            guard matches(span.state), span.end > span.start else {
                out.append(span)
                continue
            }
            // The first interval that ends after the span starts.
            var low = 0, high = intervals.count
            while low < high {
                let mid = (low + high) / 2
                if intervals[mid].end <= span.start { low = mid + 1 } else { high = mid }
            }
            var cursor = span.start
            var i = low
            while i < intervals.count && intervals[i].start < span.end {
                let from = max(intervals[i].start, cursor), to = min(intervals[i].end, span.end)
                if to > from {
                    if from > cursor { out.append(StateSpan(start: cursor, end: from, state: span.state)) }
                    out.append(StateSpan(start: from, end: to, state: state))
                    cursor = to
                }
                i += 1
            }
            if cursor < span.end { out.append(StateSpan(start: cursor, end: span.end, state: span.state)) }
        }
        return out
    }

    /// `spans` sorted by start, with overlapping ones joined.
    static func merged(_ spans: [TimeSpan]) -> [TimeSpan] {
        var merged: [TimeSpan] = []
        for span in spans.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// The times in which at least one of the pool's threads sat idle for at least `minimum` ns (alive, running
    /// nothing, and not frozen: `ThreadTrack.frozen`), merged, sorted. Gaps shorter than `minimum` are a thread handing over from one task to the next.
    static func poolIdle(_ pool: [ThreadTrack], minimum: UInt64) -> [TimeSpan] {
        var gaps: [TimeSpan] = []
        for thread in pool {
            guard let life = thread.lifetime else { continue }
            var cursor = life.start
            var frozen = thread.frozen.makeIterator()
            var next = frozen.next()
            for slice in thread.slices {
                // A stretch the OS did not run the thread, work waiting for it, is not idle.
                while let stretch = next, stretch.end <= cursor { next = frozen.next() }
                let gapIsFrozen = next.map { $0.start <= cursor && $0.end >= slice.start } ?? false
                if slice.start >= cursor + minimum && !gapIsFrozen { gaps.append(TimeSpan(cursor, slice.start)) }
                cursor = max(cursor, slice.end)
            }
            if life.end >= cursor + minimum { gaps.append(TimeSpan(cursor, life.end)) }
        }
        gaps.sort { $0.start < $1.start }
        var merged: [TimeSpan] = []
        for gap in gaps {
            if let last = merged.last, gap.start <= last.end {
                merged[merged.count - 1].end = max(last.end, gap.end)
            } else {
                merged.append(gap)
            }
        }
        return merged
    }
}
