import Testing
import WeftRuntime

@Suite(.serialized) struct TimerTests {
    @Test("ticks fall on multiples of the period in virtual time; ticks nobody waited for are skipped")
    func tickerOnVirtualTime() async throws {
        let (seen, afterStop) = try await runProgram(virtualTime) { rt in
            let ticker = try rt.ticker(every: .milliseconds(10), name: "heartbeat")
            let start = rt.now
            var seen: [(tick: Int, at: Duration)] = []
            for _ in 0..<3 { seen.append((try await ticker.next() ?? -1, rt.now - start)) }
            try await rt.sleep(for: .milliseconds(35))  // to about 65 ms: tick 6 is due, 4 and 5 pass unobserved
            for _ in 0..<2 { seen.append((try await ticker.next() ?? -1, rt.now - start)) }
            ticker.stop()
            return (seen, try await ticker.next())
        }
        #expect(seen.map(\.tick) == [1, 2, 3, 6, 7])
        for (tick, at) in seen where tick != 6 {  // taken as soon as due: within one virtual slice of the deadline
            #expect(at >= .milliseconds(10 * tick) && at < .milliseconds(10 * tick) + .microseconds(100), "tick \(tick) at \(at)")
        }
        #expect(afterStop == nil)
    }

    @Test(arguments: primitiveSchedulers)
    func tickerCountsUpAndStopReleasesItsWaiter(_ scheduler: SchedulerKind) async throws {
        let (ticks, waiterGot) = try await runProgram(scheduler) { rt in
            let ticker = try rt.ticker(every: .milliseconds(1), name: "fast")
            var ticks: [Int] = []
            for _ in 0..<3 { if let tick = try await ticker.next() { ticks.append(tick) } }
            let slow = try rt.ticker(every: .seconds(3600), name: "slow")
            let waiter = rt.spawn("waiter") { try await slow.next() }
            try await rt.sleep(for: .milliseconds(1))
            slow.stop()
            ticker.stop()
            return (ticks, try await waiter.value)
        }
        #expect(ticks.count == 3)
        #expect(ticks == ticks.sorted() && Set(ticks).count == 3 && ticks[0] >= 1)
        #expect(waiterGot == nil)
    }

    @Test(arguments: primitiveSchedulers)
    func tickerRefusesAZeroPeriod(_ scheduler: SchedulerKind) async throws {
        let kind = try await runProgram(scheduler) { rt in
            do {
                _ = try rt.ticker(every: .zero)
                return RuntimeError.Kind.failed
            } catch let error as RuntimeError { return error.kind }
        }
        #expect(kind == .misuse)
    }

    @Test("a timer fires at its deadline in virtual time; a stopped one tells its waiters it never fired")
    func timerOnVirtualTime() async throws {
        let seen = try await runProgram(virtualTime) { rt in
            let alarm = rt.timer(after: .milliseconds(20), name: "alarm")
            let start = rt.now
            let fired = try await alarm.wait()
            let late = rt.now - start - .milliseconds(20)
            var seen = ["fired: \(fired) on time: \(late >= .zero && late < .microseconds(100))",
                        "stop after firing: \(alarm.stop())"]
            let never = rt.timer(after: .seconds(10), name: "never")
            let waiter = rt.spawn("waiter") { try await never.wait() }
            try await rt.sleep(for: .milliseconds(5))
            seen.append("stop before firing: \(never.stop())")
            seen.append("waiter: \(try await waiter.value), fired: \(never.hasFired)")
            return seen
        }
        #expect(seen == ["fired: true on time: true", "stop after firing: false", "stop before firing: true",
                         "waiter: false, fired: false"])
    }

    @Test(arguments: primitiveSchedulers)
    func timerFiresOrStops(_ scheduler: SchedulerKind) async throws {
        let (fired, stopped, waited) = try await runProgram(scheduler) { rt in
            let soon = rt.timer(after: .milliseconds(1))
            let fired = try await soon.wait()
            let late = rt.timer(after: .seconds(3600))
            let stopped = late.stop()
            return (fired, stopped, try await late.wait())
        }
        #expect(fired)
        #expect(stopped)
        #expect(!waited)
    }
}
