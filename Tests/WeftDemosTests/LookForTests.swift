import Testing
import WeftDemos

/// What each demo tells its picture's reader to look for, from its options.
@Suite("What to look for in a demo's picture")
struct LookForTests {
    static func lookFor(_ name: String, _ words: [String] = []) throws -> String? {
        let demo = try DemoRegistry.named(name)
        return demo.lookFor(try demo.options(words))
    }

    @Test("the pipeline names its bottleneck stage and what its arrows are, buffered or not")
    func pipeline() throws {
        let slow = try #require(try Self.lookFor("pipeline", ["--items", "6", "--capacity", "0", "--work-us", "300"]))
        #expect(slow.hasPrefix("square is the bottleneck: with 300 µs of CPU work per item it is always running"))
        #expect(slow.contains("blocked: channel") && slow.contains("rendezvous on the unbuffered channels"))
        let buffered = try #require(try Self.lookFor("pipeline", ["--capacity", "4"]))
        #expect(!buffered.contains("bottleneck"), "without work no stage sets the pace")
        #expect(buffered.contains("channels of 4 slots"))
    }

    @Test("the fixed philosophers say there was no deadlock and what a fork's bar is; the deadlocking ones say nothing")
    func philosophers() throws {
        let fixed = try #require(try Self.lookFor("philosophers", ["--fixed", "--eat-ms", "2"]))
        #expect(fixed.hasPrefix("no deadlock:") && fixed.contains("every philosopher ate all 3 meals"))
        #expect(fixed.contains("alone for 2 ms (--hold-ms) before reaching for the second") && fixed.contains("the 2 ms meal (--eat-ms)"))
        #expect(fixed.contains("fork 5 is nobody's first fork"))
        let instant = try #require(try Self.lookFor("philosophers", ["--fixed", "--philosophers", "3", "--meals", "1"]))
        #expect(instant.contains("all 1 meal;") && instant.contains("fork 3, nobody's first fork, shows slivers only"))
        #expect(try Self.lookFor("philosophers") == nil)
    }

    @Test("no demo names a colour: the caption uses the legend's words, which stay right when colours change")
    func legendWordsOnly() throws {
        let colours = ["pink", "red", "magenta", "yellow", "orange", "blue", "green", "purple", "grey", "gray"]
        for demo in DemoRegistry.all {
            let flags = demo.flags.map { "--\($0.name)" }
            for words in [[], flags] {
                let text = (demo.lookFor(try demo.options(words)) ?? "") + " " + demo.summary
                let named = colours.filter { colour in
                    text.split(whereSeparator: { !$0.isLetter }).contains { $0.lowercased() == colour }
                }
                #expect(named.isEmpty, "\(demo.name) \(words): \(named)")
            }
        }
    }
}
