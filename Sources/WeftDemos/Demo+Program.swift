import WeftRuntime

extension Demo {
    /// The demo as a program for `Weft.run` or `Weft.explore`: its body with `options`, its lines going to `output`.
    public func program(_ options: DemoOptions, output: any DemoOutput) -> @Sendable (Runtime) async throws -> Void {
        let body = self.body
        return { runtime in try await body(DemoContext(runtime: runtime, options: options, output: output)) }
    }
}
