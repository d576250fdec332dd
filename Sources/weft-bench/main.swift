// weft-bench: Weft's benchmarks. Run in release mode: `swift run -c release weft-bench [suite ...]`.
// Each suite is registered in `Suites.swift`; with no argument every suite runs.
import Foundation

let requested = Array(CommandLine.arguments.dropFirst())
if requested.contains("--help") || requested.contains("-h") {
    print("usage: weft-bench [suite ...]\nsuites: \(benchmarkSuites.map(\.name).joined(separator: ", "))")
    exit(0)
}
let unknown = requested.filter { name in !benchmarkSuites.contains { $0.name == name } }
if !unknown.isEmpty {
    FileHandle.standardError.write("weft-bench: unknown suite \(unknown.joined(separator: ", ")); suites: \(benchmarkSuites.map(\.name).joined(separator: ", "))\n".data(using: .utf8)!)
    exit(2)
}
for suite in benchmarkSuites where requested.isEmpty || requested.contains(suite.name) {
    print("== \(suite.name) ==")
    try await suite.run()
}
