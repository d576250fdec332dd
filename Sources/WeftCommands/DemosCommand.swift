import ArgumentParser
import WeftDemos

/// `weft demos`: lists the demos, one line each.
public struct DemosCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "demos",
        abstract: "List the demo programs, one line each.",
        discussion: "Run one with `weft run NAME`, or both schedulers side by side with `weft compare NAME`.")

    @Flag(name: .long, help: "Also show each demo's options and the blog's words it shows.")
    var verbose = false

    public init() {}

    public func run() {
        print(DemosCommand.listing(verbose: verbose))
    }

    /// The listing: every demo's name and summary, aligned; with `verbose`, its claim and options too.
    static func listing(verbose: Bool) -> String {
        let width = DemoRegistry.names.map(\.count).max() ?? 0
        var lines: [String] = []
        for demo in DemoRegistry.all {
            lines.append(demo.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + demo.summary)
            if verbose {
                let indent = String(repeating: " ", count: width + 2)
                lines.append(indent + "blog: " + demo.claim)
                for parameter in demo.parameters {
                    lines.append(indent + "--\(parameter.name) N  \(parameter.help) (default \(Format.count(parameter.defaultValue)), \(Format.count(parameter.range.lowerBound))–\(Format.count(parameter.range.upperBound)))")
                }
                for flag in demo.flags { lines.append(indent + "--\(flag.name)  \(flag.help)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
