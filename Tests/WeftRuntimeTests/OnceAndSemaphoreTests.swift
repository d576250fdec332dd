import Synchronization
import Testing
import WeftRuntime

@Suite(.serialized) struct OnceAndSemaphoreTests {
    @Test(arguments: primitiveSchedulers)
    func onceRunsItsBodyOnceAndEveryCallerSeesItDone(_ scheduler: SchedulerKind) async throws {
        let (runs, ranIt, sawDone) = try await runProgram(scheduler) { rt in
            let once = rt.once("config")
            let runs = Counter()
            let ready = Atomic<Bool>(false)
            let handles = (0..<8).map { i in
                rt.spawn("caller \(i)") {
                    let ran = try await once.run {
                        runs.increment()
                        try await rt.sleep(for: .milliseconds(2))  // others arrive while it runs
                        ready.store(true, ordering: .sequentiallyConsistent)
                    }
                    return (ran, ready.load(ordering: .sequentiallyConsistent))
                }
            }
            var ranIt = 0, sawDone = 0
            for handle in handles {
                let (ran, done) = try await handle.value
                if ran { ranIt += 1 }
                if done { sawDone += 1 }
            }
            return (runs.current, ranIt, sawDone + (once.isDone ? 0 : -100))
        }
        #expect(runs == 1)
        #expect(ranIt == 1)
        #expect(sawDone == 8)
    }

    @Test(arguments: primitiveSchedulers)
    func semaphoreNeverLendsMoreThanItHas(_ scheduler: SchedulerKind) async throws {
        let (peak, violations, left) = try await runProgram(scheduler) { rt in
            let semaphore = rt.semaphore(permits: 4, name: "slots")
            let inUse = Atomic<Int>(0)
            let peak = Atomic<Int>(0)
            let violations = Atomic<Int>(0)
            let handles = (0..<6).map { i in
                rt.spawn("user \(i)") {
                    let weight = 1 + i % 3
                    for round in 0..<40 {
                        try await semaphore.acquire(weight)
                        let now = inUse.wrappingAdd(weight, ordering: .sequentiallyConsistent).newValue
                        if now > 4 { violations.wrappingAdd(1, ordering: .relaxed) }
                        if now > peak.load(ordering: .relaxed) { peak.store(now, ordering: .relaxed) }
                        if round % 7 == 0 { await rt.yield() }
                        inUse.wrappingSubtract(weight, ordering: .sequentiallyConsistent)
                        semaphore.release(weight)
                    }
                }
            }
            for handle in handles { try await handle.value }
            return (peak.load(ordering: .relaxed), violations.load(ordering: .relaxed), semaphore.available)
        }
        #expect(violations == 0)
        #expect(peak <= 4)
        #expect(left == 4)
    }

    @Test("a heavy waiter at the head holds back lighter ones behind it, and gets the permits first")
    func semaphoreServesInOrder() async throws {
        let order = try await runProgram(virtualTime) { rt in
            let semaphore = rt.semaphore(permits: 3, name: "pool")
            let order = rt.channel(of: String.self, capacity: 4, name: "order")
            try await semaphore.acquire(3)
            let heavy = rt.spawn("heavy") {
                try await semaphore.acquire(2)
                try await order.send("heavy")
                semaphore.release(2)
            }
            try await rt.sleep(for: .milliseconds(1))
            let light = rt.spawn("light") {
                try await semaphore.acquire(1)
                try await order.send("light")
                semaphore.release(1)
            }
            try await rt.sleep(for: .milliseconds(1))
            semaphore.release(1)  // 1 free: the light one would fit, but waits behind the heavy one
            let barged = try semaphore.tryAcquire(1)
            try await rt.sleep(for: .milliseconds(1))
            let early = order.count
            semaphore.release(2)
            try await heavy.value
            try await light.value
            order.close()
            var seen = ["tryAcquire while others wait: \(barged)", "served before the release: \(early)"]
            for try await name in order { seen.append(name) }
            return seen
        }
        #expect(order == ["tryAcquire while others wait: false", "served before the release: 0", "heavy", "light"])
    }

    @Test(arguments: primitiveSchedulers)
    func semaphoreRefusesWeightsItCanNeverServe(_ scheduler: SchedulerKind) async throws {
        let kinds = try await runProgram(scheduler) { rt in
            let semaphore = rt.semaphore(permits: 2, name: "tiny")
            var kinds: [RuntimeError.Kind] = []
            do { try await semaphore.acquire(3) } catch let error as RuntimeError { kinds.append(error.kind) }
            do { _ = try semaphore.tryAcquire(-1) } catch let error as RuntimeError { kinds.append(error.kind) }
            return kinds
        }
        #expect(kinds == [RuntimeError.Kind.misuse, .misuse])
    }
}
