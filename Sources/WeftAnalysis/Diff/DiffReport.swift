/// The text form of a `TraceDiff`, most important first: the run, the tasks that changed most, channels and
/// mutexes, behaviour, and message order.
public struct DiffReport: Sendable {
    /// The rows each section shows at most (the rest is counted in a footer).
    public var top: Int

    public init(top: Int = 10) { self.top = top }

    /// The whole report.
    public func render(_ diff: TraceDiff) -> String {
        var out = header(diff)
        if diff.isEmpty {
            out += "\nno differences" + (diff.ignoresTiming ? " in behaviour (timing ignored)" : "") + ": "
            out += "\(diff.sameBehaviour) tasks do the same operations"
            out += diff.sameOrder > 0 ? ", \(diff.sameOrder) channels carry their messages in the same order\n" : "\n"
            return out
        }
        out += "\n" + runTable(diff).render()
        let events = eventTable(diff)
        if !events.rows.isEmpty { out += "\n" + events.render() }
        out += "\n" + taskSection(diff)
        out += "\n" + objectSection(diff)
        out += "\n" + behaviourSection(diff)
        out += "\n" + orderSection(diff)
        return out
    }

    /// Which run is which.
    public func header(_ diff: TraceDiff) -> String {
        var table = TextTable(title: "weft diff", ["", "trace", "run"], alignments: [.left, .left, .left])
        for (mark, label) in [("A", diff.a), ("B", diff.b)] {
            let program = label.program.isEmpty ? "" : label.program + ", "
            table.append([mark, label.name, program + label.schedulerText])
        }
        // No header row: the marks say enough.
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false)
        return ([String(lines[0])] + lines.dropFirst(2).map(String.init)).joined(separator: "\n")
    }

    /// The run as a whole.
    public func runTable(_ diff: TraceDiff) -> TextTable {
        var table = TextTable(title: "run" + (diff.ignoresTiming ? " (timing ignored)" : ""), ["", "A", "B", "Δ", "Δ%"])
        // Parts of a figure (cpu.user under cpu) are indented under it.
        for m in diff.run { table.append([(m.key.contains(".") ? "  " : "") + m.name] + DiffText.cells(m)) }
        // The sums over tasks can dwarf the wall time: say why, and what they make per task.
        if let runnable = diff.runMetric("runnable"), let tasks = diff.runMetric("tasks") {
            func perTask(_ total: UInt64?, _ count: UInt64?) -> String {
                guard let total, let count else { return "-" }
                return DurationFormat.format(TaskSum(total: total, tasks: Int(count)).perTask)
            }
            table.footer = "(\(TaskSum.unit)): each task's time added up, not wall time; \(TaskSum.sideBySide) (runnable per task on average: "
                + "A \(perTask(runnable.a, tasks.a)), B \(perTask(runnable.b, tasks.b)))"
        }
        return table
    }

    /// Events of the kinds whose count changed.
    public func eventTable(_ diff: TraceDiff) -> TextTable {
        var table = TextTable(title: "events by kind (changed)", ["kind", "A", "B", "Δ", "Δ%"])
        let changed = diff.events.filter { $0.delta != 0 }
        for m in changed { table.append([m.name] + DiffText.cells(m)) }
        let same = diff.events.count - changed.count
        if same > 0 { table.footer = "\(same) other kind\(same == 1 ? "" : "s") the same" }
        return table
    }

    /// The tasks that changed most, each with its time by state.
    public func taskSection(_ diff: TraceDiff) -> String {
        let matched = diff.tasks.count + (diff.ignoresTiming ? diff.sameBehaviour + diff.divergences.count : 0)
        var out = "tasks: \(diff.ignoresTiming ? diff.sameBehaviour + diff.divergences.count : matched) matched"
        out += ", \(diff.addedTasks.count) added, \(diff.removedTasks.count) removed\n"
        out += list("added (only in B)", diff.addedTasks)
        out += list("removed (only in A)", diff.removedTasks)
        guard !diff.ignoresTiming else { return out }
        let changed = diff.tasks.filter { $0.change > 0 }
        guard !changed.isEmpty else { return out + "  every matched task spent its time the same way\n" }
        var table = TextTable(title: "tasks by largest change", ["task", "A", "B", "Δ", "Δ%"])
        for task in changed.prefix(top) {
            table.append([task.identity])
            for m in task.metrics where (m.a ?? 0) != 0 || (m.b ?? 0) != 0 {
                table.append(["  " + m.name] + DiffText.cells(m))
                if m.key == "blocked" && task.blockedByReason.count > 1 {
                    for r in task.blockedByReason { table.append(["    " + r.name] + DiffText.cells(r)) }
                } else if m.key == "blocked", let r = task.blockedByReason.first {
                    table.rows[table.rows.count - 1][0] += " (\(r.name))"
                }
            }
        }
        if changed.count > top { table.footer = "… \(changed.count - top) more changed; use --top \(changed.count) to see all" }
        return out + table.render()
    }

    /// Channels and mutexes: a table of those whose figures changed, or one line when none did.
    public func objectSection(_ diff: TraceDiff) -> String {
        let table = objectTable(diff)
        if !table.rows.isEmpty { return table.render() }
        let matched = diff.channels.count + diff.mutexes.count
        var line = matched == 0 ? "channels and mutexes: none in both runs" : "channels and mutexes: \(matched) matched, all the same"
        if let footer = table.footer, !diff.addedObjects.isEmpty || !diff.removedObjects.isEmpty {
            line += "; " + footer.split(separator: ";").map { String($0.drop { $0 == " " }) }.filter { !$0.hasSuffix("matched the same") }.joined(separator: "; ")
        }
        return line + "\n"
    }

    /// Channels and mutexes whose figures changed.
    public func objectTable(_ diff: TraceDiff) -> TextTable {
        var table = TextTable(title: "channels and mutexes (changed)", ["object", "A", "B", "Δ", "Δ%"])
        let all = diff.channels.map { ("channel", $0) } + diff.mutexes.map { ("mutex", $0) }
        let changed = all.filter { $0.1.metrics.contains { $0.delta != 0 } }
        for (kind, object) in changed.prefix(top) {
            table.append(["\(kind) \(object.identity)"])
            for m in object.metrics { table.append(["  " + m.name] + DiffText.cells(m)) }
        }
        var notes: [String] = []
        if changed.count > top { notes.append("… \(changed.count - top) more changed; use --top \(changed.count)") }
        if all.count > changed.count { notes.append("\(all.count - changed.count) matched the same") }
        if !diff.addedObjects.isEmpty { notes.append("added: " + diff.addedObjects.joined(separator: ", ")) }
        if !diff.removedObjects.isEmpty { notes.append("removed: " + diff.removedObjects.joined(separator: ", ")) }
        if !notes.isEmpty { table.footer = notes.joined(separator: "; ") }
        return table
    }

    /// Tasks whose operations differ, each shown around its first difference.
    public func behaviourSection(_ diff: TraceDiff) -> String {
        var out = "behaviour: \(diff.sameBehaviour) task\(diff.sameBehaviour == 1 ? "" : "s") did the same operations"
        out += ", \(diff.divergences.count) differ\(diff.divergences.count == 1 ? "s" : "")\n"
        for d in diff.divergences.prefix(top) {
            out += "  \(d.identity): first difference at operation \(d.index + 1) (A did \(d.countA), B did \(d.countB))\n"
            out += sideBySide(d.contextA, d.contextB, firstNumber: d.contextStart + 1, mark: d.index - d.contextStart)
        }
        if diff.divergences.count > top { out += "  … \(diff.divergences.count - top) more; use --top \(diff.divergences.count)\n" }
        return out
    }

    /// Channels whose messages went another way: a mark of nondeterminism between two runs of one program.
    public func orderSection(_ diff: TraceDiff) -> String {
        let total = diff.sameOrder + diff.reorderedChannels.count
        if total == 0 { return "message order: no channel in both runs\n" }
        var out = "message order: \(diff.sameOrder) of \(total) channel\(total == 1 ? "" : "s") the same"
        if !diff.reorderedChannels.isEmpty {
            let n = diff.reorderedChannels.count
            out += "; \(n) differ\(n == 1 ? "s" : "")"
            out += diff.a.program == diff.b.program && !diff.a.program.isEmpty
                ? " between two runs of \(diff.a.program): a mark of nondeterminism\n" : "\n"
        } else {
            out += "\n"
        }
        for d in diff.reorderedChannels.prefix(top) {
            out += "  \(d.identity): first difference at message #\(d.seq) (A \(d.messagesA) messages, B \(d.messagesB))\n"
            let mark = d.contextA.firstIndex { $0.hasPrefix("#\(d.seq) ") } ?? d.contextB.firstIndex { $0.hasPrefix("#\(d.seq) ") } ?? 0
            out += sideBySide(d.contextA, d.contextB, firstNumber: nil, mark: mark)
        }
        if diff.reorderedChannels.count > top {
            out += "  … \(diff.reorderedChannels.count - top) more; use --top \(diff.reorderedChannels.count)\n"
        }
        return out
    }

    private func list(_ title: String, _ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        let shown = items.prefix(top).joined(separator: ", ")
        return "  \(title): \(shown)" + (items.count > top ? ", … \(items.count - top) more" : "") + "\n"
    }

    /// Two columns, A and B, with `>` marking row `mark`.
    private func sideBySide(_ a: [String], _ b: [String], firstNumber: Int?, mark: Int) -> String {
        var table = TextTable(firstNumber == nil ? ["", "A", "B"] : ["", "#", "A", "B"],
                              alignments: firstNumber == nil ? [.left, .left, .left] : [.left, .right, .left, .left])
        for i in 0..<max(a.count, b.count) {
            let left = i < a.count ? a[i] : "(end)", right = i < b.count ? b[i] : "(end)"
            let flag = i == mark ? ">" : ""
            if let firstNumber { table.append([flag, "\(firstNumber + i)", left, right]) }
            else { table.append([flag, left, right]) }
        }
        return table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
}
