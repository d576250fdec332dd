import Dispatch
import Foundation
import Synchronization
import Testing
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// Keeps the calling thread busy for `nanoseconds` (a CPU-bound piece of a task, which never suspends).
private func spin(nanoseconds: UInt64) {
    let end = DispatchTime.now().uptimeNanoseconds &+ nanoseconds
    while DispatchTime.now().uptimeNanoseconds < end {}
}

/// How many tasks of a burst have begun.
private final class StartCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Idle workers of the multiplexed scheduler are woken when work appears, and a finished run lets its threads go.
@Suite(.serialized) struct WorkerWakeTests {
    /// Main spawns CPU-bound tasks on its own worker; the idle, parked worker must be woken and steal some of them.
    /// (Before the fix, the second worker could stay parked while the tasks queued up behind main, and ran none.)
    @Test func anIdleWorkerIsWokenAndStealsSpawnedWork() async throws {
        let path = temporaryTracePath("wake")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let count = 60
        _ = try await runProgram(.multiplexed(workers: 2), tracePath: path) { rt in
            // Let both workers go idle and park first, as after any quiet moment of a program.
            try await rt.sleep(for: .milliseconds(30))
            let tasks = (0..<count).map { i in rt.spawn("busy \(i)") { spin(nanoseconds: 2_000_000) } }
            for task in tasks { try await task.value }
        }
        let trace = try RecordedTrace(path: path)
        let workerOf = trace.roles.filter { $0.value.role == .worker }
        #expect(workerOf.count == 2)
        let busyIDs = Set(trace.of(.taskCreate).filter { trace.string($0.args.a2).hasPrefix("busy ") }.map(\.args.a0))
        #expect(busyIDs.count == count)
        var ranOn: [ThreadID: Int] = [:]
        for begin in trace.of(.runBegin) where busyIDs.contains(begin.args.a0) { ranOn[begin.thread, default: 0] += 1 }
        for thread in workerOf.keys {
            // A worker left parked runs none. How many the woken one steals depends on how much CPU the OS gives its
            // thread: on a loaded 2-core machine it ran as few as 6 of 60, so the bound is "some", not a share.
            #expect(ranOn[thread, default: 0] >= 2, "worker \(workerOf[thread]!.index) ran \(ranOn[thread, default: 0]) of \(count) tasks: \(ranOn)")
        }
    }

    /// Main spawns a burst of tasks onto its own worker: the first spawn wakes the parked worker, which counts as
    /// spinning from then on, so the others wake nobody (Go's `wakep`). Main then keeps its worker until a task of the
    /// burst has begun, which only the other worker can do: a spinner that gave up and parked without seeing the burst,
    /// with nobody left to wake it, would leave main waiting out its bound and the first task of the burst running on
    /// main's worker. Repeated, as the spinner's moment of giving up falls differently each time.
    @Test func aSpinningWorkerTakesTheTasksSpawnedBesideIt() async throws {
        for round in 0..<12 {
            let path = temporaryTracePath("burst")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let ran = try await finishing(within: 60) { try await runProgram(.multiplexed(workers: 2), tracePath: path) { rt in
                // Both workers go idle and park; the timer's wake-up of main then wakes one of them.
                try await rt.sleep(for: .milliseconds(2 + round % 3))
                let started = StartCount()
                let tasks = (0..<6).map { i in
                    rt.spawn("burst \(i)") { started.value.wrappingAdd(1, ordering: .sequentiallyConsistent) }
                }
                // A bound, not a timing: only a worker that is never woken again lets it pass.
                let giveUp = DispatchTime.now().uptimeNanoseconds &+ 10_000_000_000
                while started.value.load(ordering: .sequentiallyConsistent) == 0
                        && DispatchTime.now().uptimeNanoseconds < giveUp {}
                for task in tasks { try await task.value }
            } }
            try #require(ran != nil, "round \(round): the run hung, a worker left parked with work queued")
            let trace = try RecordedTrace(path: path)
            let creates = trace.of(.taskCreate).filter { trace.string($0.args.a2).hasPrefix("burst ") }
            #expect(creates.count == 6)
            let mainThread = try #require(creates.first).thread
            let burst = Set(creates.map(\.args.a0))
            let first = try #require(trace.of(.runBegin).first { burst.contains($0.args.a0) })
            #expect(trace.roles[first.thread]?.role == .worker)
            #expect(first.thread != mainThread,
                    "round \(round): the first task of the burst ran on main's worker, after main let it go")
        }
    }

    /// A spawn on a busy worker wakes the parked one, which records `threadWake`: the time from the pool's signal to
    /// the OS running it. The signal falls after the spawn, and the wake before the child's first run on that thread.
    @Test func aWokenWorkerRecordsWhenItWasSignalled() async throws {
        let path = temporaryTracePath("signalled")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await runProgram(.multiplexed(workers: 2), tracePath: path) { rt in
            try await rt.sleep(for: .milliseconds(20))
            spin(nanoseconds: 2_000_000)  // the other worker, if it woke with main, gives up looking and parks
            let child = rt.spawn("woken") { spin(nanoseconds: 1_000_000) }
            spin(nanoseconds: 20_000_000)  // main keeps its worker: the child can only run on the other one
            try await child.value
        }
        let trace = try RecordedTrace(path: path)
        let created = try #require(trace.of(.taskCreate).first { trace.string($0.args.a2) == "woken" })
        let firstRun = try #require(trace.of(.runBegin).first { $0.args.a0 == created.args.a0 })
        let wakes = trace.of(.threadWake).filter { $0.thread == firstRun.thread }
        #expect(wakes.allSatisfy { trace.roles[$0.thread]?.role == .worker })
        // The signal's time is the wake's minus its delay, on the monotonic clock rather than the trace's: a little
        // slack for the two clocks' calibration.
        let woken = wakes.first { $0.time <= firstRun.time && $0.time &- min($0.args.a0, $0.time) + 50_000 >= created.time }
        #expect(woken != nil, "wakes on the child's thread: \(wakes.map { "at \($0.time) after \($0.args.a0) ns" }); spawn at \(created.time), run at \(firstRun.time)")
    }

    /// The main task runs only once every worker (and the timer) has started: before, main could spawn hundreds of
    /// tasks onto its own worker while the others were still starting up, and the tasks sat runnable meanwhile.
    @Test(arguments: [2, 4])
    func theMainTaskStartsAfterEveryWorker(_ workers: Int) async throws {
        let path = temporaryTracePath("startup")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await runProgram(.multiplexed(workers: workers), tracePath: path) { rt in
            let tasks = (0..<100).map { i in rt.spawn("request \(i)") { try await rt.sleep(for: .milliseconds(1)) } }
            for task in tasks { try await task.value }
        }
        let trace = try RecordedTrace(path: path)
        let mainID = try #require(trace.of(.taskCreate).first { trace.string($0.args.a2) == "main" }).args.a0
        let mainBegins = try #require(trace.of(.runBegin).first { $0.args.a0 == mainID }).time
        let starts = trace.of(.threadStart).filter {
            let role = ThreadRole(rawValue: $0.args.a1)
            return role == .worker || role == .timer
        }
        #expect(starts.count == workers + 1)
        for start in starts {
            #expect(start.time < mainBegins, "a \(ThreadRole(rawValue: start.args.a1)!) thread started \(start.time - mainBegins) ns after main began")
        }
    }

    /// Once the last task has ended, the workers and the timer stop at once, not after a timed park.
    @Test(arguments: [SchedulerKind.multiplexed(workers: 1), .multiplexed(workers: 2), .multiplexed(workers: 4), .threadPerTask])
    func threadsStopPromptlyAfterTheLastTask(_ scheduler: SchedulerKind) async throws {
        let path = temporaryTracePath("stop")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await runProgram(scheduler, tracePath: path) { rt in
            let tasks = (0..<20).map { i in rt.spawn("sleeper \(i)") { try await rt.sleep(for: .milliseconds(5)) } }
            for task in tasks { try await task.value }
        }
        let trace = try RecordedTrace(path: path)
        let finish = try #require(trace.of(.runFinish).last)
        let lastEnd = try #require(trace.of(.taskEnd).map(\.time).max())
        let roles = trace.roles
        let stops = trace.of(.threadStop).filter { roles[$0.thread]?.role != .main }.map(\.time)
        let lastStop = try #require(stops.max())
        #expect(finish.time >= lastStop)
        // Real threads. The shutdown starts when the caller of Weft.run resumes, on Swift's cooperative pool, which the
        // other suites running beside this one share (and sometimes hold for over a second on 2 cores): so the bound
        // from the last task's end is loose, a hang and not a delay. Once the shutdown has started, every scheduler
        // thread must stop at once: a thread that waited out a timed park would stop long after the first.
        let shutdownStops = trace.of(.threadStop).filter { [.worker, .timer].contains(roles[$0.thread]?.role) }.map(\.time)
        let firstStop = try #require(shutdownStops.min())
        #expect(finish.time - lastEnd < 10_000_000_000, "runFinish came \((finish.time - lastEnd) / 1_000_000) ms after the last task ended")
        let lastShutdownStop = try #require(shutdownStops.max())
        #expect(lastShutdownStop - firstStop < 500_000_000, "the pool and timer threads stopped over \((lastShutdownStop - firstStop) / 1_000_000) ms")
        #expect(finish.time - lastStop < 1_000_000_000)
    }
}
