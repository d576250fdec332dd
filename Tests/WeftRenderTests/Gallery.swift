import Foundation
import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender

/// Pictures to look at: written only when WEFT_GALLERY names a folder (`WEFT_GALLERY=/tmp/g swift test --filter Gallery`).
@Suite("Gallery")
struct Gallery {
    static let folder = ProcessInfo.processInfo.environment["WEFT_GALLERY"]

    static func timeline(tasks: Int, bursts: Int, workers: Int?, sleep: UInt64 = 200_000) throws -> RenderTimeline {
        let events = SyntheticRun(tasks: tasks, bursts: bursts, workers: workers, sleep: sleep).events()
        return RenderTimeline(timeline: try TimelineBuilder.build(from: events))
    }

    @Test("writes pictures", .enabled(if: folder != nil))
    func pictures() throws {
        let dir = try #require(Self.folder)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let small = try Self.timeline(tasks: 6, bursts: 4, workers: 2, sleep: 40_000)
        try TimelineRenderer.render(small, to: "\(dir)/small.png")
        try TimelineRenderer.render(small, to: "\(dir)/small-dark.png", options: RenderOptions(theme: .dark))
        let smallPer = try Self.timeline(tasks: 6, bursts: 4, workers: nil, sleep: 40_000)
        try ContrastRenderer.render(a: small, b: smallPer, to: "\(dir)/small-contrast.png")
        let big = try Self.timeline(tasks: 2000, bursts: 5, workers: 2, sleep: 20_000_000)
        let bigPer = try Self.timeline(tasks: 2000, bursts: 5, workers: nil, sleep: 20_000_000)
        try TimelineRenderer.render(big, to: "\(dir)/big.png")
        try ContrastRenderer.render(a: big, b: bigPer, to: "\(dir)/big-contrast.png")
        try ContrastRenderer.render(a: big, b: bigPer, to: "\(dir)/big-contrast.svg")
        try ContrastRenderer.render(a: big, b: bigPer, to: "\(dir)/big-contrast.pdf")
    }
}
