extension Runtime {
    /// A random whole number in `range`, for a program's own choices (how long to think, which item next).
    ///
    /// Under the deterministic scheduler it comes from the run's seeded generator, so the same seed gives the same
    /// numbers and the same schedule; under the other schedulers it is the system's random generator.
    /// - Warning: call it from a task of this run (under the deterministic scheduler the generator belongs to the
    ///   scheduler's one thread).
    public func random(in range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return range.lowerBound }
        guard span < Int.max else { return Int.random(in: range) }
        return range.lowerBound + core.scheduler.randomIndex(below: span + 1)
    }
}
