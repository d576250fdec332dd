import Foundation
import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport
import WeftTrace

/// `weft diff A B -o diff.png` takes what its picture says of each run (`DiffSide`) from a model built for a picture
/// (`PictureDetail`), whose lanes stop growing with the events past a budget. Under the budget that side, and so the
/// picture, must be the one the exact model gives; past it, what is read from totals must stay exact and the picture
/// must say what is not.
@Suite("The diff picture's sides from models built for a picture")
struct DiffSideDetailTests {
    static let folder = CommittedTraces.folder

    /// Every recorded program's two runs (NAME-multiplexed.weft, NAME-thread-per-task.weft), as `weft diff` draws
    /// them in traces/ (io-bound-diff.png) and as anyone would compare them.
    static var pairs: [(a: String, b: String)] {
        let names = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".weft") })
        return names.filter { $0.hasSuffix("-multiplexed.weft") }.sorted().compactMap { a in
            let b = a.replacingOccurrences(of: "-multiplexed.weft", with: "-thread-per-task.weft")
            return names.contains(b) ? (folder.appendingPathComponent(a).path, folder.appendingPathComponent(b).path) : nil
        }
    }

    /// The diff picture's scene of `a` against `b`, its sides taken from models built with `detail` (nil: exact).
    static func scene(_ a: String, _ b: String, detail: PictureDetail?) throws -> (Scene, DiffSide, DiffSide) {
        let diff = TraceDiff(a: try TracedRun.digest(from: TraceReader(path: a)), b: try TracedRun.digest(from: TraceReader(path: b)),
                             nameA: a, nameB: b)
        let sideA = DiffSide(try TimelineBuilder.build(from: TraceReader(path: a), detail: detail))
        let sideB = DiffSide(try TimelineBuilder.build(from: TraceReader(path: b), detail: detail))
        return (try DiffRenderer.scene(diff, a: sideA, b: sideB, options: DiffPictureOptions(width: 1400)), sideA, sideB)
    }

    @Test("every pair of traces/ draws the same diff picture from models built for a picture as from exact ones")
    func recordedPairsUnchanged() throws {
        #expect(Self.pairs.count >= 10)
        for (a, b) in Self.pairs {
            let (exact, exactA, exactB) = try Self.scene(a, b, detail: nil)
            let (picture, pictureA, pictureB) = try Self.scene(a, b, detail: PictureDetail())
            let name = URL(fileURLWithPath: a).lastPathComponent
            for (e, p) in [(exactA, pictureA), (exactB, pictureB)] {
                #expect(p.joinedCell == 0, "\(name)")
                #expect(e.figures == p.figures, "\(name)")
                #expect(e.facts == p.facts, "\(name)")
                #expect(e.wallParts == p.wallParts, "\(name)")
            }
            #expect(exact.dump() == picture.dump(), "\(name)")
            #expect(!exact.texts.contains { $0.text.contains("close, not exact") }, "\(name)")
        }
    }

    @Test("past the budget, the side's exact facts stay exact and the picture says which figures are close")
    func overBudget() throws {
        let detail = PictureDetail(budget: 400, finestShare: 1 << 6)
        let exact = try TimelineBuilder.build(from: JitteredPingPong.events(rounds: 2_000))
        let joined = try TimelineBuilder.build(from: JitteredPingPong.events(rounds: 2_000), detail: detail)
        let (e, j) = (DiffSide(exact), DiffSide(joined))
        #expect(e.joinedCell == 0)
        #expect(j.joinedCell > 0)
        #expect(e.facts == j.facts)
        #expect(e.wallParts == j.wallParts)
        #expect(e.figures.wallTime == j.figures.wallTime && e.figures.tasks == j.figures.tasks)
        #expect(e.figures.threads == j.figures.threads && e.figures.busy == j.figures.busy)

        let run = try TracedRun.digest(from: JitteredPingPong.events(rounds: 2_000))
        let diff = TraceDiff(a: run, b: run, nameA: "a.weft", nameB: "b.weft")
        // Only B's model was joined: the footer names B's cell, not A's.
        let footer = try DiffRenderer.scene(diff, a: e, b: j, options: DiffPictureOptions(width: 1400)).texts
            .map(\.text).joined(separator: " ")
        #expect(footer.contains("close, not exact"))
        #expect(footer.contains("(B: ") && !footer.contains("(A: ") && !footer.contains("; B: "), "\(footer)")
        let exactTexts = try DiffRenderer.scene(diff, a: e, b: e, options: DiffPictureOptions(width: 1400)).texts.map(\.text)
        #expect(!exactTexts.contains { $0.contains("close, not exact") })
    }
}
