import WeftAnalysis

extension ThreadCensus {
    /// The scheduler threads that run no task, in words: "timer thread", "2 timer threads", "1 other thread"; `bare`,
    /// where "threads" was just said: "timer", "2 timers", "1 other". The panel title and the Threads header both name
    /// them so.
    func helperThreadWords(bare: Bool = false) -> [String] {
        var words: [String] = []
        if timers > 0 {
            let noun = bare ? "timer" : "timer thread"
            words.append(timers == 1 ? noun : "\(Format.count(timers)) \(noun)s")
        }
        if others > 0 { words.append(bare ? Format.plural(others, "other", "others") : Format.plural(others, "other thread")) }
        return words
    }
}
