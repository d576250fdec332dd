import WeftAnalysis

/// What the stretches of a run's axis outside its main task are, in words (`WallTimeParts`): before main, the
/// runtime starting; after main, the runtime stopping. The fold labels and the notes under the axis say them alike.
extension RenderTimeline {
    /// Main's life on the axis (ns since the run's first event), when the run had a main task that ended.
    var mainLife: TimeSpan? {
        facts.wallParts.map { TimeSpan($0.beforeMain, $0.beforeMain &+ $0.main) }
    }

    /// Whether `span` lies before main was created.
    func isBeforeMain(_ span: TimeSpan) -> Bool {
        guard let main = mainLife else { return false }
        return span.end <= main.start
    }

    /// Whether `span` lies after main ended.
    func isAfterMain(_ span: TimeSpan) -> Bool {
        guard let main = mainLife else { return false }
        return span.start >= main.end
    }

    /// "start-up before main ran: 3 runtime threads starting": the threads that started before main did.
    var startUpWords: String {
        let started = threads.filter { $0.role != .main && ($0.lifetime?.start ?? .max) <= (mainLife?.start ?? 0) }.count
        return started > 0 ? "start-up before main ran: \(Format.plural(started, "runtime thread")) starting"
            : "start-up before main ran"
    }

    /// "after main: 1,001 threads ending": the threads that stopped after main ended (the caller of `Weft.run`
    /// apart).
    var afterMainWords: String {
        let end = mainLife?.end ?? 0
        let ending = threads.filter { $0.role != .main && ($0.lifetime?.end ?? 0) > end }.count
        return ending > 0 ? "after main: \(Format.plural(ending, "thread")) ending" : "after main: the runtime stopping"
    }
}
