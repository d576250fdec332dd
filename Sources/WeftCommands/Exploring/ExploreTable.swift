import WeftAnalysis
import WeftDemos
import WeftRuntime

/// What `weft explore` prints: the outcomes of its runs, each distinct deadlock or failure with its saved trace and
/// replay command, and the message orders of each channel; as text or as JSON.
struct ExploreTable: Encodable {
    /// One distinct deadlock or failure.
    struct Finding: Encodable {
        var kind: String
        var runs: Int
        var firstSeed: UInt64
        var signature: String
        /// The tasks of the wait-for cycle, by name (empty when there is none).
        var cycle: [String]
        /// The first run's message.
        var message: String
        var trace: String?
        var replay: String
    }

    /// One channel's message orders.
    struct Channel: Encodable {
        var channel: String
        var runs: Int
        var distinctOrders: Int
        var fewestMessages: Int
        var mostMessages: Int
    }

    var demo: String
    var arguments: [String]
    var strategy: String
    var firstSeed: UInt64
    var runsRequested: Int
    var runs: Int
    var completed: Int
    var deadlocked: Int
    var failed: Int
    var stoppedBy: String?
    var findings: [Finding]
    var channels: [Channel]
    /// The picture drawn with -o, if any.
    var picture: String?

    /// The table of `report`; `traces` holds the saved trace of each finding, by position.
    init(selection: DemoSelection, report: ExploreReport, traces: [String?], stoppedBy: String?, picture: String?) {
        demo = selection.demo.name
        arguments = selection.options.commandLine(for: selection.demo)
        strategy = ReplayCommand.spelling(report.strategy)
        firstSeed = report.firstSeed
        runsRequested = report.runsRequested
        runs = report.runs
        completed = report.completed
        deadlocked = report.deadlocked
        failed = report.failed
        self.stoppedBy = stoppedBy
        findings = report.findings.enumerated().map { index, finding in
            Finding(kind: finding.kind.rawValue, runs: finding.runs, firstSeed: finding.firstSeed,
                    signature: finding.signature, cycle: finding.cycle.map(\.name), message: finding.error.message,
                    trace: index < traces.count ? traces[index] : nil,
                    replay: ReplayCommand.text(selection, scheduler: finding.replay))
        }
        channels = report.channels.map {
            Channel(channel: $0.channel, runs: $0.runs, distinctOrders: $0.distinctOrders,
                    fewestMessages: $0.fewestMessages, mostMessages: $0.mostMessages)
        }
        self.picture = picture
    }

    /// The table as text.
    var text: String {
        let lastSeed = firstSeed &+ UInt64(max(runs, 1) - 1)
        var out = "weft explore \(([demo] + arguments).joined(separator: " ")): \(Format.count(runs)) run\(runs == 1 ? "" : "s"), "
            + "strategy \(strategy), seeds \(firstSeed) to \(lastSeed) (deterministic scheduler, virtual time)\n"
        if let stoppedBy {
            out += "stopped by \(stoppedBy) after \(Format.count(runs)) of \(Format.count(runsRequested)) runs\n"
        }
        var outcomes = TextTable(["outcome", "runs", "share", "first seed"])
        func row(_ name: String, _ count: Int, first: UInt64?) {
            outcomes.append([name, Format.count(count), DurationFormat.percent(UInt64(count), of: UInt64(runs)),
                             first.map(String.init) ?? "-"])
        }
        row("completed", completed, first: nil)
        row("deadlock", deadlocked, first: findings.first { $0.kind == "deadlock" }?.firstSeed)
        row("failure", failed, first: findings.first { $0.kind == "failure" }?.firstSeed)
        out += "\n" + outcomes.render()
        for (index, finding) in findings.enumerated() {
            out += "\n\(index + 1). \(finding.kind) in \(Format.count(finding.runs)) run\(finding.runs == 1 ? "" : "s"), first at seed \(finding.firstSeed):\n"
            if finding.cycle.isEmpty {
                out += "   \(finding.signature)\n"
            } else {
                out += "   wait-for cycle of \(finding.cycle.count): \(finding.signature)\n"
            }
            if let trace = finding.trace { out += "   trace:  \(trace)\n" }
            out += "   replay: \(finding.replay)\n"
        }
        if channels.isEmpty {
            out += "\nno channel carried a message\n"
        } else {
            var table = TextTable(title: "\nmessage orders (the sending tasks, message by message)",
                                  ["channel", "runs", "messages", "distinct orders"])
            for channel in channels {
                let messages = channel.fewestMessages == channel.mostMessages ? Format.count(channel.mostMessages)
                    : "\(Format.count(channel.fewestMessages))-\(Format.count(channel.mostMessages))"
                table.append([channel.channel, Format.count(channel.runs), messages, Format.count(channel.distinctOrders)])
            }
            out += table.render()
        }
        if let picture { out += "\npicture: \(picture)\n" }
        return out
    }
}
