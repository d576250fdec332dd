import WeftTrace

extension PanelLayout {
    /// Why a caller or timer thread's lane shows nothing in this panel, in a few words, or nil when it shows something
    /// (or is another kind of thread): an empty lane with no reason was taken for missing data.
    func idleReason(_ thread: ThreadTrack) -> String? {
        guard thread.role == .main || thread.role == .timer, thread.owner == nil, thread.held.isEmpty,
              !thread.slices.contains(where: { scale.overlaps($0.start, $0.end) }) else { return nil }
        if thread.role == .main { return "idle: Weft.run's caller only waits here for the run to end" }
        let slept = timeline.tasks.contains { $0.spans.contains { $0.state == .sleeping } }
        return slept ? "runs no task: it wakes sleeps and timeouts at their deadlines"
            : "idle: it wakes only sleeps and timeouts, and no task slept in this run"
    }

    /// Writes `reason` at the left of an empty lane, on a halo of the background over its dotted idle line.
    func drawIdleReason(_ reason: String, top: Double, height: Double) {
        let row = Rect(x: scale.x0 + 6, y: top, width: scale.plotWidth - 12, height: height)
        guard let text = canvas.text(reason, in: row, size: Metrics.laneLabelSize - 1, color: theme.secondaryText,
                                     minimumCharacters: reason.count) else { return }
        canvas.builder.add(.rect(text.box.insetBy(dx: -3, dy: 0), fill: theme.background.withAlpha(0.9)), to: .labels)
        canvas.builder.add(text)
    }
}
