// hello-weft: a small kitchen of your own, traced by Weft.
//
// Orders arrive on a channel; cooks take them, cook (sleep), and add to a tally guarded by a mutex; a wait group tells
// the kitchen when every cook has gone home, and the pass (a select with a timeout) reports each dish or a quiet spell.
//
//   WEFT_SCHEDULER=multiplexed|thread-per-task   which scheduler runs the tasks (default multiplexed)
//   WEFT_TRACE=path.weft                          where the trace goes (default: none)
import Foundation
import WeftRuntime

/// The kitchen's shared tally, only touched while holding the tally mutex.
final class Tally: @unchecked Sendable {
    var dishes = 0
    var minutes = 0
}

let orders = ["soup", "bread", "salad", "pasta", "curry", "tart", "stew", "pie"]
let cooks = 3

do {
    let scheduler = try SchedulerKind.fromEnvironment() ?? .multiplexed(workers: SchedulerKind.defaultWorkers)
    let environment = ProcessInfo.processInfo.environment
    let options = RunOptions(
        scheduler: scheduler, tracePath: environment["WEFT_TRACE"], programName: "hello-weft", arguments: [])
    let (served, report) = try await Weft.run(options) { runtime in
        let tickets = runtime.channel(of: String.self, capacity: 2, name: "tickets")
        let pass = runtime.channel(of: String.self, capacity: 0, name: "pass")
        let tallyLock = runtime.mutex("tally")
        let tally = Tally()
        let shift = runtime.waitGroup("cooks")

        for cook in 1...cooks {
            shift.add(1)
            _ = runtime.spawn("cook \(cook)") {
                defer { shift.done() }
                for try await dish in tickets {
                    let minutes = 10 + dish.count * 5
                    try await runtime.sleep(for: .milliseconds(minutes))
                    try await tallyLock.withLock {
                        tally.dishes += 1
                        tally.minutes += minutes
                    }
                    try await pass.send("cook \(cook): \(dish) (\(minutes) ms)")
                }
            }
        }
        _ = runtime.spawn("waiter") {
            for dish in orders { try await tickets.send(dish) }
            tickets.close()
        }
        _ = runtime.spawn("closing time") {
            try await shift.wait()
            pass.close()
        }

        var served = 0
        while true {
            let line: String? = try await runtime.select(
                .receive(pass) { dish in dish.map { "served \($0)" } },
                .after(.milliseconds(40)) { "… the pass is quiet" }
            )
            guard let line else { break }
            if line.hasPrefix("served") { served += 1 }
            print(line)
        }
        let total = try await tallyLock.withLock { (tally.dishes, tally.minutes) }
        print("\(total.0) dishes, \(total.1) ms of cooking")
        return served
    }
    print("hello-weft: \(served) dishes under \(report.scheduler.name): \(report.tasksCreated) tasks, "
        + "\(report.threadsCreated) OS threads, \(report.eventsRecorded) events"
        + (report.tracePath.map { ", trace \($0)" } ?? ""))
} catch {
    FileHandle.standardError.write(Data("hello-weft: \(error)\n".utf8))
    exit(1)
}
