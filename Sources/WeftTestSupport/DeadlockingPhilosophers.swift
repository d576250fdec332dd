import WeftRuntime

/// A program that always deadlocks: three philosophers each take their left fork, wait until all are seated, then
/// reach for the right one. Main joins them, so every task of the run ends blocked in one cycle.
public func threeDeadlockingPhilosophers(_ rt: Runtime) async throws {
    let forks = (0..<3).map { rt.mutex("fork \($0 + 1)") }
    let seated = rt.waitGroup("seated")
    seated.add(3)
    let philosophers = (0..<3).map { i in
        rt.spawn("philosopher \(i + 1)") {
            try await forks[i].lock()
            seated.done()
            try await seated.wait()
            try await forks[(i + 1) % 3].lock()
        }
    }
    for philosopher in philosophers { try await philosopher.value }
}
