import WeftRuntime

/// What a demo's body works with: the runtime, its options, and its output.
public struct DemoContext: Sendable {
    /// The runtime the demo spawns tasks and makes primitives with.
    public let runtime: Runtime
    /// The demo's sizes and switches.
    public let options: DemoOptions
    /// Where the demo's lines go.
    public let output: any DemoOutput

    public init(runtime: Runtime, options: DemoOptions, output: any DemoOutput) {
        self.runtime = runtime
        self.options = options
        self.output = output
    }

    /// Prints one line of the demo's output, and records it in the trace as a log event (category "output")
    /// so that a trace's pictures can show what the program said and when.
    public func say(_ line: String) {
        output.write(line)
        runtime.log(line, category: "output")
    }

    /// The value of size parameter `name`.
    public subscript(name: String) -> Int { options[name] }
}
