import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTrace

/// Two runs of one program drawn together: the task lanes chosen once for both panels, in the same colours.
@Suite("Contrast: one choice of tasks for both panels")
struct ContrastChoiceTests {
    /// `count` tasks named "request i"; task `slow` lives ten times longer than the rest.
    func run(_ scheduler: String, slow: Int, count: Int = 40) -> RenderTimeline {
        let tasks = (1...count).map { i in
            TaskTrack(task: TaskID(UInt64(i)), name: i == 1 ? "main" : "request \(i)", spans: [
                StateSpan(start: UInt64(i) * 1_000, end: UInt64(i) * 1_000 + (i == slow ? 500_000 : 50_000), state: .sleeping),
            ])
        }
        let facts = RunFacts(program: "requests", scheduler: scheduler, taskCount: count, threadCount: 2, wallTime: 600_000,
                             eventCount: 100)
        return RenderTimeline(facts: facts, tasks: tasks)
    }

    @Test("both panels draw the same tasks: the same spawn positions, and each run's own slowest in both")
    func sameTasks() throws {
        let a = run("multiplexed", slow: 10), b = run("thread-per-task", slow: 30)
        var options = RenderOptions(width: 1400)
        options.maxTaskLanes = RenderOptions.contrastTaskLanes
        let choice = LaneSelection.sharedTaskChoice([a, b], options: options)
        let lanesA = LaneSelection(a, options: options, sharedChoice: choice)
        let lanesB = LaneSelection(b, options: options, sharedChoice: choice)
        let namesA = lanesA.shownTasks.map(\.name), namesB = lanesB.shownTasks.map(\.name)
        #expect(namesA == namesB)
        #expect(namesA.contains("request 10") && namesA.contains("request 30") && namesA.contains("main")
            && namesA.contains("request 40"))
        #expect(namesA.count <= options.maxTaskLanes)
        // One task, one colour, in both panels; and no two drawn tasks share one.
        for (x, y) in zip(lanesA.shownTasks, lanesB.shownTasks) {
            #expect(lanesA.coloring.color(x.task) == lanesB.coloring.color(y.task))
        }
        #expect(Set(lanesA.shownTasks.map { lanesA.coloring.color($0.task) }).count
            == min(namesA.count, Palette.taskColors.count))
        let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1400), measurer: TextMeasurer())
        let headers = scene.texts.map(\.text).filter { $0.contains("drawn one by one") }
        #expect(headers.count == 2 && headers.allSatisfy { $0.contains("the same in both panels") && $0.contains("each run's") })
    }

    @Test("the same tasks wear the same colours in both panels even when the runs spawned them in another order")
    func coloursFollowNames() {
        let a = run("multiplexed", slow: 0, count: 6)
        var b = run("thread-per-task", slow: 0, count: 6)
        b.tasks.swapAt(2, 4)
        let options = RenderOptions()
        let choice = LaneSelection.sharedTaskChoice([a, b], options: options)
        let lanesA = LaneSelection(a, options: options, sharedChoice: choice)
        let lanesB = LaneSelection(b, options: options, sharedChoice: choice)
        for task in a.tasks {
            let other = b.tasks.first { $0.name == task.name }!
            #expect(lanesA.coloring.color(task.task) == lanesB.coloring.color(other.task), "\(task.name)")
        }
    }

    @Test("every lock of one run's deadlock cycle has a lane in both panels, even when the other run did not deadlock")
    func sameLocks() throws {
        var fine = DeadlockFixture.run()
        fine.facts.scheduler = "multiplexed"
        fine.facts.problem = nil
        fine.deadlock = nil
        var options = RenderOptions(width: 1200)
        options.maxLockLanes = 1
        let scene = try TimelineLayout.contrast(fine, DeadlockFixture.run(), options: options, measurer: TextMeasurer())
        let texts = scene.texts.map(\.text)
        #expect(texts.filter { $0 == "lock mu1 fork 1" }.count == 2 && texts.filter { $0 == "lock mu2 fork 2" }.count == 2)
    }
}
