import WeftAnalysis

extension ThreadCensus {
    /// The scheduler threads that run no task, in words: "timer thread", "2 timer threads", "1 other thread". The
    /// panel title and the Threads header both name them so.
    var helperThreadWords: [String] {
        var words: [String] = []
        if timers > 0 { words.append(timers == 1 ? "timer thread" : "\(Format.count(timers)) timer threads") }
        if others > 0 { words.append(Format.plural(others, "other thread")) }
        return words
    }
}
