import WeftAnalysis
import WeftDemos

/// The one line under the title of `weft compare`'s table and picture that says what the compared program does.
enum ProgramDescription {
    /// The demo's summary from the registry, then every option this run sets away from its default, then what to
    /// look for in its picture when the demo says (`Demo.lookFor`), e.g. "io-bound: 10,000 tasks that mostly
    /// sleep, … — this run: --tasks 1,000 (default 10,000)" or "pipeline: … — this run: … — look for: square …".
    static func demo(_ selection: DemoSelection) -> String {
        let changed = changedOptions(selection)
        return "\(selection.demo.name): \(selection.demo.summary)"
            + (changed.isEmpty ? "" : " — this run: " + changed.joined(separator: ", "))
            + (selection.demo.lookFor(selection.options).map { " — look for: " + $0 } ?? "")
    }

    /// Every option `selection` sets away from the demo's default: "--tasks 1,000 (default 10,000)", "--fixed (…)".
    static func changedOptions(_ selection: DemoSelection) -> [String] {
        let demo = selection.demo
        var changed: [String] = []
        for parameter in demo.parameters where selection.options[parameter.name] != parameter.defaultValue {
            changed.append("--\(parameter.name) \(Format.count(selection.options[parameter.name]))"
                + " (default \(Format.count(parameter.defaultValue)))")
        }
        for flag in demo.flags where selection.options.flag(flag.name) {
            changed.append("--\(flag.name) (\(flag.help))")
        }
        return changed
    }

    /// "actor-cache: 8 clients ask an actor-guarded cache … — run without arguments", from the summary the program
    /// recorded (`RunOptions.summary`); without one, "hello-weft: a program that is not one of Weft's demos, run with
    /// --orders 20".
    static func program(_ program: ExternalProgram, summary: String = "") -> String {
        let run = program.arguments.isEmpty ? "without arguments" : "with \(program.arguments.joined(separator: " "))"
        if summary.isEmpty { return "\(program.name): a program that is not one of Weft's demos, run \(run)" }
        return "\(program.name): \(summary) — run \(run)"
    }

    /// What the traced program of two runs does, from what their traces recorded, with the options the runs set
    /// away from its defaults so that the demo's summary does not contradict them: a demo run by `weft run DEMO …` is
    /// described by the registry ("io-bound: 10,000 tasks that mostly sleep, … — both runs: --tasks 1,000 (default
    /// 10,000)", or "— A: …; B: …" when they differ), another program by the summary A recorded ("actor-cache: 8
    /// clients ask …"); nil when neither says anything.
    static func traced(_ a: RunInfo, _ b: RunInfo) -> String? {
        let prefix = "weft run "
        guard a.program.hasPrefix(prefix), let demo = try? DemoRegistry.named(String(a.program.dropFirst(prefix.count))) else {
            return a.summary.isEmpty ? nil : "\(a.program): \(a.summary)"
        }
        let line = "\(demo.name): \(demo.summary)"
        func changed(_ run: RunInfo) -> [String]? {
            let words = run.arguments.split(separator: " ").map(String.init)
            return (try? DemoSelection(name: demo.name, words: words)).map(changedOptions)
        }
        // Without recorded options (or with ones this Weft cannot read), the summary alone, as the trace knows no more.
        guard let inA = changed(a), let inB = changed(b) else { return line }
        if inA == inB { return inA.isEmpty ? line : line + " — both runs: " + inA.joined(separator: ", ") }
        func text(_ options: [String]) -> String { options.isEmpty ? "the defaults" : options.joined(separator: ", ") }
        return line + " — A: " + text(inA) + "; B: " + text(inB)
    }
}
