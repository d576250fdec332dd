import Testing
import WeftRuntime

@Suite(.serialized) struct SelectTests {
    @Test(arguments: allSchedulers)
    func otherwiseRunsWhenNothingIsReady(_ scheduler: SchedulerKind) async throws {
        let result = try await runProgram(scheduler) { rt in
            let channel = rt.channel(of: Int.self)
            return try await rt.select(
                .receive(channel) { value in "received \(String(describing: value))" },
                .otherwise { "default" }
            )
        }
        #expect(result == "default")
    }

    @Test(arguments: allSchedulers)
    func afterFiresWhenNothingArrives(_ scheduler: SchedulerKind) async throws {
        let (result, elapsed) = try await runProgram(scheduler) { rt in
            let channel = rt.channel(of: Int.self)
            let start = ContinuousClock.now
            let result = try await rt.select(
                .receive(channel) { _ in "received" },
                .after(.milliseconds(40)) { "timeout" }
            )
            return (result, ContinuousClock.now - start)
        }
        #expect(result == "timeout")
        #expect(elapsed >= .milliseconds(40))
    }

    @Test(arguments: allSchedulers)
    func selectsTheReadyChannel(_ scheduler: SchedulerKind) async throws {
        let results = try await runProgram(scheduler) { rt in
            let a = rt.channel(of: Int.self, name: "a")
            let b = rt.channel(of: String.self, name: "b")
            rt.spawn("b sender") { try await b.send("hello") }
            var results: [String] = []
            results.append(try await rt.select(
                .receive(a) { value in "a \(value ?? -1)" },
                .receive(b) { value in "b \(value ?? "nil")" }
            ))
            let out = rt.channel(of: Int.self, name: "out")
            let receiver = rt.spawn("out receiver") { try await out.receive() }
            results.append(try await rt.select(
                .send(7, to: out) { "sent" },
                .receive(a) { _ in "a" }
            ))
            results.append("got \(try await receiver.value ?? -1)")
            return results
        }
        #expect(results == ["b hello", "sent", "got 7"])
    }

    @Test(arguments: allSchedulers)
    func receiveCaseSeesClose(_ scheduler: SchedulerKind) async throws {
        let result = try await runProgram(scheduler) { rt in
            let channel = rt.channel(of: Int.self)
            rt.spawn("closer") {
                try await rt.sleep(for: .milliseconds(10))
                channel.close()
            }
            return try await rt.select(.receive(channel) { value in value == nil ? "closed" : "value" })
        }
        #expect(result == "closed")
    }
}
