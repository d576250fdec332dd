import Foundation
import Testing
import WeftTrace
@testable import WeftRender

@Suite("Painter")
struct PainterTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    /// The colour painted at the centre of a rectangle.
    func center(_ image: PixelImage, _ r: Rect) -> Color? {
        image.color(x: Int(r.x + r.width / 2), y: Int(r.y + r.height / 2))
    }

    func close(_ a: Color?, _ b: Color, tolerance: Double = 2.5 / 255) -> Bool {
        guard let a else { return false }
        return abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
    }

    @Test("slices, states and background have their colours in the image", arguments: [Theme.light, Theme.dark])
    func pixels(theme: Theme) throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 900, theme: theme), measurer: measurer)
        let image = try ScenePainter.image(scene)
        #expect(image.width == 900 && image.height == Int(scene.height))
        #expect(close(image.color(x: 3, y: 3), theme.background))
        #expect(close(image.color(x: 897, y: image.height - 3), theme.background))
        let lanes = try #require(scene.layer("lanes"))
        var checked = 0
        for case let .rect(r, fill, nil) in lanes.items where fill.alpha == 1 && r.width >= 20 && r.height >= 6 {
            // Skip points covered by text, arrows or markers drawn on top.
            let cx = r.x + r.width / 2
            let onTop = scene.layers.filter { ["labels", "arrows", "markers", "holds"].contains($0.name) }.flatMap(\.items).contains { item in
                switch item {
                case let .text(t): return t.box.x - 2 <= cx && cx <= t.box.maxX + 2 && t.box.y <= r.maxY && r.y <= t.box.maxY
                case let .arrow(from, to, _, _, _, _): return min(from.x, to.x) - 3 <= cx && cx <= max(from.x, to.x) + 3
                case let .marker(_, c, _, _): return abs(c.x - cx) < 5
                default: return false
                }
            }
            if onTop { continue }
            #expect(close(center(image, r), fill), "rect \(r) should be \(fill), is \(String(describing: center(image, r)))")
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test("text is painted where the layout put it")
    func textPixels() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 900), measurer: measurer)
        let image = try ScenePainter.image(scene)
        let title = try #require(scene.texts.first { $0.text == "pingpong — multiplexed" })
        var dark = 0
        for x in stride(from: Int(title.box.x), to: Int(title.box.maxX), by: 1) {
            for y in Int(title.box.y)..<Int(title.box.maxY) where (image.color(x: x, y: y)?.luminance ?? 1) < 0.2 { dark += 1 }
        }
        #expect(dark > 100)
        // Nothing painted right of the title's box on its row.
        let right = Int(title.box.maxX) + 4
        let blank = (right..<min(right + 60, 880)).allSatisfy { x in
            close(image.color(x: x, y: Int(title.box.y + title.box.height / 2)), Theme.light.background)
        }
        #expect(blank)
    }

    @Test("the format comes from the file's extension")
    func formats() throws {
        #expect(try OutputFormat(path: "a/b/out.PNG") == .png)
        #expect(try OutputFormat(path: "x.svg") == .svg)
        #expect(try OutputFormat(path: "x.pdf") == .pdf)
        #expect(throws: RenderError.unsupportedFormat(path: "x.jpeg")) { try OutputFormat(path: "x.jpeg") }
        #expect(throws: RenderError.unsupportedFormat(path: "dir.png/picture")) { try OutputFormat(path: "dir.png/picture") }
    }

    @Test("PNG, SVG and PDF files are written and read back by other tools")
    func files() throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = Fixtures.small()
        for ext in ["png", "svg", "pdf"] {
            try TimelineRenderer.render(run, to: "\(dir)/run.\(ext)", options: RenderOptions(width: 800))
            let size = try FileManager.default.attributesOfItem(atPath: "\(dir)/run.\(ext)")[.size] as? Int ?? 0
            #expect(size > 1_000, "\(ext): \(size) bytes")
        }
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/run.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let svg = try String(contentsOfFile: "\(dir)/run.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("width=\"800"))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/run.pdf"))
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
        if let rsvg = Fixtures.tool("rsvg-convert") {
            #expect(try Fixtures.run(rsvg, ["-o", "\(dir)/from-svg.png", "\(dir)/run.svg"]) == 0)
            #expect(FileManager.default.fileExists(atPath: "\(dir)/from-svg.png"))
        }
        if let pdftoppm = Fixtures.tool("pdftoppm") {
            #expect(try Fixtures.run(pdftoppm, ["-png", "-r", "50", "\(dir)/run.pdf", "\(dir)/from-pdf"]) == 0)
            let pages = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("from-pdf") }
            #expect(pages.count == 1)
        }
    }

    @Test("an unwritable path is a clear error")
    func unwritable() throws {
        #expect {
            try TimelineRenderer.render(Fixtures.small(), to: "/nonexistent-folder/x.png")
        } throws: { error in
            guard let e = error as? RenderError, case .cairo = e else { return false }
            return e.description.contains("/nonexistent-folder/x.png") || e.description.contains("writable")
        }
        #expect(throws: RenderError.self) {
            try TimelineRenderer.render(Fixtures.small(), to: "/nonexistent-folder/x.svg")
        }
    }

    @Test("SVG size grows with the picture, not with the events")
    func svgSize() throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func size(slices: Int) throws -> Int {
            let s = (0..<slices).map { i in ThreadSlice(start: UInt64(i) * 100, end: UInt64(i) * 100 + 70, task: TaskID(UInt64(i % 7 + 1))) }
            let run = RenderTimeline(
                facts: RunFacts(program: "p", scheduler: "multiplexed", taskCount: 7, threadCount: 1, wallTime: UInt64(slices) * 100, eventCount: slices * 2),
                threads: [ThreadTrack(thread: ThreadID(1), label: "worker 1", slices: s)])
            try TimelineRenderer.render(run, to: "\(dir)/\(slices).svg", options: RenderOptions(width: 1000, view: .threads))
            return try FileManager.default.attributesOfItem(atPath: "\(dir)/\(slices).svg")[.size] as? Int ?? 0
        }
        let small = try size(slices: 20_000)
        let large = try size(slices: 400_000)
        #expect(Double(large) < Double(small) * 1.5, "20k slices: \(small) bytes, 400k slices: \(large) bytes")
    }
}
