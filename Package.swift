// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Weft",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "WeftTrace", targets: ["WeftTrace"]),
        .library(name: "WeftRuntime", targets: ["WeftRuntime"]),
        .library(name: "WeftAnalysis", targets: ["WeftAnalysis"]),
        .library(name: "WeftRender", targets: ["WeftRender"]),
        .executable(name: "weft", targets: ["weft"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Tiny C shims: gettid, the CPU time-stamp counter, a thread-local slot, a signal-to-pipe handler.
        .target(name: "CWeftSupport"),
        // The system Cairo library (apt: libcairo2-dev).
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),

        // Event vocabulary, .weft writer (recorder) and streaming reader, text form.
        .target(name: "WeftTrace", dependencies: ["CWeftSupport"]),
        // Schedulers, primitives, and the recorder hook-up.
        .target(name: "WeftRuntime", dependencies: ["WeftTrace", "CWeftSupport"]),
        // Events -> timeline model -> stats, lints, diff, export.
        .target(name: "WeftAnalysis", dependencies: ["WeftTrace"]),
        // Timeline model -> scene -> Cairo PNG/SVG/PDF.
        .target(name: "WeftRender", dependencies: ["WeftAnalysis", "CCairo"]),
        // The demo programs.
        .target(name: "WeftDemos", dependencies: ["WeftRuntime"]),
        // The command-line interface, as a library so that it can be tested.
        .target(name: "WeftCommands", dependencies: [
            "WeftTrace", "WeftRuntime", "WeftAnalysis", "WeftRender", "WeftDemos", "CWeftSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "weft", dependencies: ["WeftCommands"]),
        // Ordinary Swift concurrency programs (no Weft primitives), each traced by one Weft.trace call around its body.
        .executableTarget(name: "task-group-map-reduce", dependencies: ["WeftRuntime"], path: "Examples/TaskGroupMapReduce"),
        .executableTarget(name: "actor-cache", dependencies: ["WeftRuntime"], path: "Examples/ActorCache"),
        .executableTarget(name: "async-let-fan-out", dependencies: ["WeftRuntime"], path: "Examples/AsyncLetFanOut"),
        .executableTarget(name: "async-stream-pipeline", dependencies: ["WeftRuntime"], path: "Examples/AsyncStreamPipeline"),
        // Trace builders for tests and benchmarks (scripted, synthetic, recorded) and golden-file comparison.
        .target(name: "WeftTestSupport", dependencies: ["WeftTrace", "WeftAnalysis", "WeftRuntime", "WeftDemos"]),
        // Benchmarks: `swift run -c release weft-bench --help`.
        .executableTarget(name: "weft-bench", dependencies: [
            "WeftTrace", "WeftRuntime", "WeftAnalysis", "WeftRender", "WeftDemos", "CWeftSupport", "WeftTestSupport",
        ]),

        // Whole-pipeline fuzzing: bytes -> reader -> model -> stats, lints, diff, export, layout. A replay tool in an
        // ordinary build; the libFuzzer target under scripts/fuzz-pipeline (which defines FUZZING).
        .executableTarget(name: "weft-fuzz", dependencies: ["WeftTrace", "WeftAnalysis", "WeftRender"], path: "Fuzz/Pipeline"),

        .testTarget(name: "WeftTraceTests", dependencies: ["WeftTrace", "WeftTestSupport"], resources: [.copy("Golden"), .copy("Damaged")]),
        .testTarget(name: "WeftRuntimeTests", dependencies: ["WeftRuntime", "WeftTrace", "WeftTestSupport"]),
        .testTarget(name: "WeftAnalysisTests", dependencies: ["WeftAnalysis", "WeftTrace", "WeftRuntime", "WeftTestSupport"],
                    resources: [.copy("Traces"), .copy("Export/Golden"), .copy("DiffGolden")]),
        .testTarget(name: "WeftRenderTests", dependencies: ["WeftRender", "WeftAnalysis", "WeftTrace", "WeftRuntime", "WeftTestSupport"]),
        .testTarget(name: "WeftDemosTests", dependencies: ["WeftDemos", "WeftRuntime", "WeftAnalysis", "WeftTrace", "WeftTestSupport"]),
        .testTarget(name: "WeftTestSupportTests", dependencies: ["WeftTestSupport"]),
        .testTarget(name: "WeftCommandsTests", dependencies: ["WeftCommands", "WeftAnalysis", "WeftRender", "WeftTrace",
                                                             "WeftTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
