/// Keeps the calling thread's CPU busy for `duration` of wall time: the stand-in for real computation in demos that
/// hold a lock across work or give a stage something to do per item. A zero or negative duration returns at once.
/// It spins on the monotonic clock rather than counting loop rounds, so the work lasts as long on any machine.
func busyWork(for duration: Duration) {
    guard duration > .zero else { return }
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: duration)
    while clock.now < end {}
}
