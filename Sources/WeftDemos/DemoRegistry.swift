/// Every demo, in the order `weft demos` lists them: the blog's five examples first, then the demos for its claims.
public enum DemoRegistry {
    public static let all: [Demo] = [
        .numbers, .workers, .waitGroup, .counter, .errors,
        .pingPong, .pipeline, .fanOut, .ioBound, .cpuBound, .philosophers, .producerConsumer, .configCache,
    ]

    /// Every demo's name.
    public static var names: [String] { all.map(\.name) }

    /// The demo called `name`.
    /// - Throws: `DemoError.unknownDemo` listing the valid names.
    public static func named(_ name: String) throws(DemoError) -> Demo {
        if let demo = all.first(where: { $0.name == name }) { return demo }
        throw DemoError(.unknownDemo, "no demo is called '\(name)'. The demos are: \(names.joined(separator: ", ")) (see `weft demos`).")
    }
}
