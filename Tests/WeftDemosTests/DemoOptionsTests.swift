import Testing
import WeftDemos

@Suite("Demo options and the registry")
struct DemoOptionsTests {
    @Test("every demo is listed once, with a summary, a claim and sane defaults")
    func registry() throws {
        let names = DemoRegistry.names
        #expect(Set(names).count == names.count)
        #expect(names.starts(with: ["numbers", "workers", "waitgroup", "counter", "errors"]))
        for required in ["pingpong", "pipeline", "fanout", "io-bound", "cpu-bound", "philosophers", "producer-consumer"] {
            #expect(names.contains(required))
        }
        for demo in DemoRegistry.all {
            #expect(!demo.summary.isEmpty && !demo.claim.isEmpty)
            for parameter in demo.parameters { #expect(parameter.range.contains(parameter.defaultValue)) }
            #expect(try demo.options([]) == demo.defaults)
            let names = demo.parameters.map(\.name) + demo.flags.map(\.name)
            #expect(Set(names).count == names.count, "\(demo.name) declares an option twice")
            #expect(Demo.reservedOptionNames.isDisjoint(with: names), "\(demo.name) uses an option weft run keeps")
        }
    }

    @Test("an unknown demo names every valid one")
    func unknownDemo() {
        #expect {
            _ = try DemoRegistry.named("goroutines")
        } throws: { error in
            let message = (error as? DemoError)?.message ?? ""
            return (error as? DemoError)?.kind == .unknownDemo && DemoRegistry.names.allSatisfy { message.contains($0) }
        }
    }

    @Test("values are read as --name N, --name=N, with separators, and flags as --flag")
    func parsing() throws {
        let options = try Demo.ioBound.options(["--tasks", "1_000", "--sleep-ms=5"])
        #expect(options["tasks"] == 1_000)
        #expect(options["sleep-ms"] == 5)
        #expect(options["rounds"] == 1)
        #expect(options.commandLine(for: .ioBound) == ["--tasks", "1000", "--sleep-ms", "5", "--rounds", "1"])
        let fixed = try Demo.philosophers.options(["--fixed", "--meals", "2"])
        #expect(fixed.flag("fixed") && fixed["meals"] == 2)
        #expect(try !Demo.philosophers.options([]).flag("fixed"))
        #expect(Demo.philosophers.deadlocksByDesign(try Demo.philosophers.options([])))
        #expect(!Demo.philosophers.deadlocksByDesign(fixed))
    }

    @Test("zero, negative, absurd and malformed sizes are refused with the range in the message",
          arguments: [["--tasks", "0"], ["--tasks", "-3"], ["--tasks=-3"], ["--tasks", "5000000000"],
                      ["--tasks", "many"], ["--tasks"]])
    func badSizes(words: [String]) {
        #expect {
            _ = try Demo.ioBound.options(words)
        } throws: { error in
            guard let error = error as? DemoError else { return false }
            return [.outOfRange, .badValue].contains(error.kind) && error.message.contains("1 to 1,000,000")
        }
    }

    @Test("an unknown option lists the demo's options; a switch takes no value; options must fit together")
    func unknownOptions() {
        #expect {
            _ = try Demo.workers.options(["--rounds", "3"])
        } throws: { error in
            let message = (error as? DemoError)?.message ?? ""
            return message.contains("--rounds") && message.contains("--tasks") && message.contains("--capacity")
        }
        #expect(throws: DemoError.self) { _ = try Demo.philosophers.options(["--fixed=yes"]) }
        #expect(throws: DemoError.self) { _ = try Demo.workers.options(["7"]) }
        #expect {
            _ = try Demo.errors.options(["--tasks", "2", "--fail", "3"])
        } throws: { error in
            (error as? DemoError)?.message.contains("--fail 3 names no worker") ?? false
        }
    }

    @Test("numbers are grouped by thousands")
    func grouping() {
        #expect(0.grouped == "0")
        #expect(999.grouped == "999")
        #expect(10_000.grouped == "10,000")
        #expect((-1_234_567).grouped == "-1,234,567")
    }
}
