import WeftAnalysis
import WeftDemos

/// The one line under the title of `weft compare`'s table and picture that says what the compared program does.
enum ProgramDescription {
    /// The demo's summary from the registry, then every option this run sets away from its default, e.g.
    /// "io-bound: 10,000 tasks that mostly sleep, … — this run: --tasks 1,000 (default 10,000)".
    static func demo(_ selection: DemoSelection) -> String {
        let demo = selection.demo
        var changed: [String] = []
        for parameter in demo.parameters where selection.options[parameter.name] != parameter.defaultValue {
            changed.append("--\(parameter.name) \(Format.count(selection.options[parameter.name]))"
                + " (default \(Format.count(parameter.defaultValue)))")
        }
        for flag in demo.flags where selection.options.flag(flag.name) {
            changed.append("--\(flag.name) (\(flag.help))")
        }
        return "\(demo.name): \(demo.summary)" + (changed.isEmpty ? "" : " — this run: " + changed.joined(separator: ", "))
    }

    /// "actor-cache: 8 clients ask an actor-guarded cache … — run without arguments", from the summary the program
    /// recorded (`RunOptions.summary`); without one, "hello-weft: a program that is not one of Weft's demos, run with
    /// --orders 20".
    static func program(_ program: ExternalProgram, summary: String = "") -> String {
        let run = program.arguments.isEmpty ? "without arguments" : "with \(program.arguments.joined(separator: " "))"
        if summary.isEmpty { return "\(program.name): a program that is not one of Weft's demos, run \(run)" }
        return "\(program.name): \(summary) — run \(run)"
    }

    /// What a traced program does, from what its trace recorded: a demo run by `weft run DEMO …` is described by the
    /// registry ("io-bound: 10,000 tasks that mostly sleep, …"), another program by the summary it recorded
    /// ("actor-cache: 8 clients ask …"); nil when neither says anything.
    static func traced(_ run: RunInfo) -> String? {
        let prefix = "weft run "
        if run.program.hasPrefix(prefix), let demo = try? DemoRegistry.named(String(run.program.dropFirst(prefix.count))) {
            return "\(demo.name): \(demo.summary)"
        }
        return run.summary.isEmpty ? nil : "\(run.program): \(run.summary)"
    }
}
