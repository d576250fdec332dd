import Foundation
import WeftAnalysis
import WeftTrace
@testable import WeftRender
import WeftTestSupport

/// Runs to draw in tests, made by hand (exact, for golden files) or by the synthetic generator (large).
enum Fixtures {
    /// Two workers, three tasks: main spawns a sender and a receiver; a message; a contended mutex; a sleep. Times in µs.
    static func small() -> RenderTimeline {
        let us: UInt64 = 1_000
        let facts = RunFacts(program: "pingpong", scheduler: "multiplexed", workers: 2, taskCount: 3, threadCount: 3,
                             wallTime: 100 * us, eventCount: 42, peakRSS: 12_500_000)
        let threads = [
            ThreadTrack(thread: ThreadID(1), label: "worker 1", slices: [
                ThreadSlice(start: 0, end: 20 * us, task: TaskID(1)),
                ThreadSlice(start: 30 * us, end: 45 * us, task: TaskID(2)),
                ThreadSlice(start: 60 * us, end: 90 * us, task: TaskID(1)),
            ], lifetime: TimeSpan(0, 100 * us)),
            ThreadTrack(thread: ThreadID(2), label: "worker 2", slices: [
                ThreadSlice(start: 12 * us, end: 28 * us, task: TaskID(3)),
                ThreadSlice(start: 50 * us, end: 70 * us, task: TaskID(3)),
            ], lifetime: TimeSpan(0, 100 * us)),
            ThreadTrack(thread: ThreadID(3), label: "timer thread", slices: [], lifetime: TimeSpan(0, 100 * us)),
        ]
        let tasks = [
            TaskTrack(task: TaskID(1), name: "main", spans: [
                StateSpan(start: 0, end: 20 * us, state: .running),
                StateSpan(start: 20 * us, end: 55 * us, state: .join),
                StateSpan(start: 55 * us, end: 60 * us, state: .runnable),
                StateSpan(start: 60 * us, end: 90 * us, state: .running),
            ], marks: [Mark(time: 5 * us, kind: .spawn), Mark(time: 10 * us, kind: .spawn)]),
            TaskTrack(task: TaskID(2), name: "sender", spans: [
                StateSpan(start: 5 * us, end: 30 * us, state: .runnable),
                StateSpan(start: 30 * us, end: 45 * us, state: .running),
                StateSpan(start: 45 * us, end: 55 * us, state: .sleeping),
            ], marks: [Mark(time: 32 * us, kind: .lock), Mark(time: 40 * us, kind: .send), Mark(time: 44 * us, kind: .unlock)],
            holds: [TimeSpan(32 * us, 44 * us)]),
            TaskTrack(task: TaskID(3), name: "receiver", spans: [
                StateSpan(start: 10 * us, end: 12 * us, state: .runnable),
                StateSpan(start: 12 * us, end: 28 * us, state: .running),
                StateSpan(start: 28 * us, end: 44 * us, state: .mutex),
                StateSpan(start: 44 * us, end: 50 * us, state: .channel),
                StateSpan(start: 50 * us, end: 70 * us, state: .running),
            ], marks: [Mark(time: 50 * us, kind: .lock), Mark(time: 52 * us, kind: .receive), Mark(time: 60 * us, kind: .unlock)],
            holds: [TimeSpan(50 * us, 60 * us)]),
        ]
        let links = [
            Link(kind: .spawn, from: TaskID(1), at: 5 * us, to: TaskID(2), at: 5 * us),
            Link(kind: .spawn, from: TaskID(1), at: 10 * us, to: TaskID(3), at: 10 * us),
            Link(kind: .message, from: TaskID(2), at: 40 * us, to: TaskID(3), at: 52 * us),
            Link(kind: .lock, from: TaskID(2), at: 44 * us, to: TaskID(3), at: 50 * us),
        ]
        let locks = [
            LockTrack(mutex: MutexID(7), label: "stats", holds: [
                ThreadSlice(start: 32 * us, end: 44 * us, task: TaskID(2)),
                ThreadSlice(start: 50 * us, end: 60 * us, task: TaskID(3)),
            ], waits: [TimeSpan(28 * us, 44 * us)]),
        ]
        return RenderTimeline(facts: facts, threads: threads, tasks: tasks, links: links, locks: locks)
    }

    /// Two tasks that work for 80 µs, then both sleep for about 100 ms, then work again briefly: the long quiet
    /// stretch is what the folded axis folds. `shift` moves the second burst (to draw two runs together).
    static func sleepy(scheduler: String = "multiplexed", wakeAt: UInt64 = 100_050_000) -> RenderTimeline {
        let us: UInt64 = 1_000
        let end = wakeAt + 50 * us
        let facts = RunFacts(program: "sleepy", scheduler: scheduler, workers: 1, taskCount: 2, threadCount: 1,
                             wallTime: end, eventCount: 12)
        let threads = [
            ThreadTrack(thread: ThreadID(1), label: "worker 0", slices: [
                ThreadSlice(start: 0, end: 50 * us, task: TaskID(1)),
                ThreadSlice(start: 50 * us, end: 80 * us, task: TaskID(2)),
                ThreadSlice(start: wakeAt, end: wakeAt + 30 * us, task: TaskID(2)),
                ThreadSlice(start: wakeAt + 30 * us, end: end, task: TaskID(1)),
            ], lifetime: TimeSpan(0, end)),
        ]
        let tasks = [
            TaskTrack(task: TaskID(1), name: "main", spans: [
                StateSpan(start: 0, end: 50 * us, state: .running),
                StateSpan(start: 50 * us, end: wakeAt + 30 * us, state: .sleeping),
                StateSpan(start: wakeAt + 30 * us, end: end, state: .running),
            ], marks: [Mark(time: 40 * us, kind: .spawn)]),
            TaskTrack(task: TaskID(2), name: "napper", spans: [
                StateSpan(start: 40 * us, end: 50 * us, state: .runnable),
                StateSpan(start: 50 * us, end: 80 * us, state: .running),
                StateSpan(start: 80 * us, end: wakeAt, state: .sleeping),
                StateSpan(start: wakeAt, end: wakeAt + 30 * us, state: .running),
            ]),
        ]
        let links = [Link(kind: .spawn, from: TaskID(1), at: 40 * us, to: TaskID(2), at: 40 * us)]
        return RenderTimeline(facts: facts, threads: threads, tasks: tasks, links: links)
    }

    /// A fan-out: `workers` tasks that each work for `burst` ns, then sleep until the next round, `rounds` times, one
    /// round every `period` ns, while main waits on a channel: quiet stretches far longer than the bursts between them.
    /// Multiplexed runs every task on one pool thread; thread-per-task gives each task its own thread.
    static func periodic(rounds: Int = 10, workers: Int = 3, period: UInt64 = 5_000_000, burst: UInt64 = 20_000,
                         scheduler: String = "multiplexed", peakRSS: UInt64? = nil) -> RenderTimeline {
        let startUp: UInt64 = 100_000
        let end = startUp + UInt64(rounds) * period + UInt64(workers) * burst
        let pooled = scheduler == "multiplexed"
        var slices: [TaskID: [ThreadSlice]] = [TaskID(1): [ThreadSlice(start: 0, end: startUp, task: TaskID(1))]]
        var tasks: [TaskTrack] = []
        for w in 0..<workers {
            let id = TaskID(UInt64(w + 2))
            var spans: [StateSpan] = []
            var t = startUp
            for round in 0...rounds {
                let begin = startUp + UInt64(round) * period + UInt64(w) * burst
                if begin > t { spans.append(StateSpan(start: t, end: begin, state: round == 0 ? .runnable : .sleeping)) }
                spans.append(StateSpan(start: begin, end: begin + burst, state: .running))
                slices[id, default: []].append(ThreadSlice(start: begin, end: begin + burst, task: id))
                t = begin + burst
            }
            tasks.append(TaskTrack(task: id, name: "worker \(w + 1)", spans: spans))
        }
        let main = TaskTrack(task: TaskID(1), name: "main", spans: [
            StateSpan(start: 0, end: startUp, state: .running),
            StateSpan(start: startUp, end: end, state: .channel),
        ])
        let threads: [ThreadTrack] = pooled
            ? [ThreadTrack(thread: ThreadID(1), label: "pool thread 0",
                           slices: slices.values.flatMap { $0 }.sorted { $0.start < $1.start }, lifetime: TimeSpan(0, end))]
            : (1...workers + 1).map { n in
                ThreadTrack(thread: ThreadID(UInt64(n)), label: "thread of t\(n)", slices: slices[TaskID(UInt64(n))] ?? [],
                            lifetime: TimeSpan(0, end))
            }
        let facts = RunFacts(program: "periodic", scheduler: scheduler, workers: pooled ? 1 : nil, taskCount: workers + 1,
                             threadCount: threads.count, wallTime: end,
                             eventCount: slices.values.reduce(0) { $0 + 2 * $1.count }, peakRSS: peakRSS)
        return RenderTimeline(facts: facts, threads: threads, tasks: [main] + tasks)
    }

    /// A producer that sends an item every `interval` (each a 40 µs burst: the producer runs and sends, the consumer
    /// receives and runs), `items` before and after a `pause` in which the consumer's 50 ms receive timeouts fire (a
    /// 20 µs burst each); main waits on a wait group throughout. The shape of the producer-consumer demo: a rhythm, one
    /// long quiet stretch, and short wake-ups inside it.
    static func pacedWithPause(items: Int = 4, interval: UInt64 = 10_000_000, pause: UInt64 = 150_000_000,
                               timeout: UInt64 = 50_000_000) -> RenderTimeline {
        let us: UInt64 = 1_000
        let startUp = 100 * us
        var sends: [UInt64] = (0..<items).map { startUp + UInt64($0) * interval }
        let resume = sends.last! + pause
        sends += (0..<items).map { resume + UInt64($0) * interval }
        let timeouts = stride(from: sends[items - 1] + timeout, to: resume, by: Int(timeout)).map { $0 }
        let end = sends.last! + 60 * us
        var producer: [StateSpan] = [StateSpan(start: 50 * us, end: startUp, state: .runnable)]
        var consumer: [StateSpan] = [StateSpan(start: 60 * us, end: startUp, state: .runnable)]
        var slices: [ThreadSlice] = [ThreadSlice(start: 0, end: 50 * us, task: TaskID(1))]
        var producerMarks: [Mark] = []
        var consumerMarks: [Mark] = []
        var links: [Link] = []
        var waitingSince = startUp
        var sleepingSince: UInt64?
        for (i, send) in sends.enumerated() {
            if let since = sleepingSince { producer.append(StateSpan(start: since, end: send, state: .sleeping)) }
            producer.append(StateSpan(start: send, end: send + 20 * us, state: .running))
            sleepingSince = send + 20 * us
            slices.append(ThreadSlice(start: send, end: send + 20 * us, task: TaskID(2)))
            producerMarks.append(Mark(time: send + 10 * us, kind: .send))
            if send + 20 * us > waitingSince {
                consumer.append(StateSpan(start: waitingSince, end: send + 20 * us, state: .channel))
            }
            consumer.append(StateSpan(start: send + 20 * us, end: send + 40 * us, state: .running))
            slices.append(ThreadSlice(start: send + 20 * us, end: send + 40 * us, task: TaskID(3)))
            consumerMarks.append(Mark(time: send + 25 * us, kind: .receive))
            links.append(Link(kind: .message, from: TaskID(2), at: send + 10 * us, to: TaskID(3), at: send + 25 * us))
            waitingSince = send + 40 * us
            if i == items - 1 {
                for fired in timeouts {
                    consumer.append(StateSpan(start: waitingSince, end: fired, state: .channel))
                    consumer.append(StateSpan(start: fired, end: fired + 20 * us, state: .running))
                    slices.append(ThreadSlice(start: fired, end: fired + 20 * us, task: TaskID(3)))
                    consumerMarks.append(Mark(time: fired, kind: .tick))
                    waitingSince = fired + 20 * us
                }
            }
        }
        let main = TaskTrack(task: TaskID(1), name: "main", spans: [
            StateSpan(start: 0, end: 50 * us, state: .running),
            StateSpan(start: 50 * us, end: end, state: .waitGroup),
        ], marks: [Mark(time: 20 * us, kind: .spawn), Mark(time: 30 * us, kind: .spawn)])
        let tasks = [
            main,
            TaskTrack(task: TaskID(2), name: "producer", spans: producer, marks: producerMarks),
            TaskTrack(task: TaskID(3), name: "consumer", spans: consumer, marks: consumerMarks),
        ]
        links += [Link(kind: .spawn, from: TaskID(1), at: 20 * us, to: TaskID(2), at: 20 * us),
                  Link(kind: .spawn, from: TaskID(1), at: 30 * us, to: TaskID(3), at: 30 * us)]
        let threads = [ThreadTrack(thread: ThreadID(1), label: "pool thread 0", slices: slices, lifetime: TimeSpan(0, end))]
        let facts = RunFacts(program: "paced", scheduler: "multiplexed", workers: 1, taskCount: 3, threadCount: 1,
                             wallTime: end, eventCount: 2 * slices.count)
        return RenderTimeline(facts: facts, threads: threads, tasks: tasks, links: links.sorted { $0.fromTime < $1.fromTime })
    }

    /// A synthetic run through the real timeline builder.
    static func synthetic(tasks: Int, bursts: Int, workers: Int?, sleep: UInt64 = 200_000) throws -> RenderTimeline {
        let events = SyntheticRun(tasks: tasks, bursts: bursts, workers: workers, sleep: sleep).events()
        return RenderTimeline(timeline: try TimelineBuilder.build(from: events))
    }

    /// A fresh empty folder for files a test writes.
    static func temporaryFolder() throws -> String {
        try TemporaryFiles.folder("render-tests")
    }

    /// The full path of a program on PATH, if installed.
    static func tool(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program and returns its exit status.
    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Checks every scene must pass: text inside its box and the picture, no two texts overlapping.
enum SceneChecks {
    static func textProblems(_ scene: Scene) -> [String] {
        var problems: [String] = []
        let texts = scene.texts
        let picture = Rect(x: 0, y: 0, width: scene.width, height: scene.height)
        for t in texts {
            if !t.clip.contains(t.box) { problems.append("\"\(t.text)\" \(t.box) leaves its box \(t.clip)") }
            if !picture.contains(t.box) { problems.append("\"\(t.text)\" \(t.box) leaves the picture") }
        }
        // Sort by x to compare only neighbours that can meet.
        let sorted = texts.sorted { $0.box.x < $1.box.x }
        for i in sorted.indices {
            var j = i + 1
            while j < sorted.count && sorted[j].box.x < sorted[i].box.maxX {
                if sorted[i].box.intersects(sorted[j].box) {
                    problems.append("\"\(sorted[i].text)\" \(sorted[i].box) overlaps \"\(sorted[j].text)\" \(sorted[j].box)")
                }
                j += 1
            }
        }
        return problems
    }
}
