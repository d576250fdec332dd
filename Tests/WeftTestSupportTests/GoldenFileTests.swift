import Foundation
import Testing
import WeftTestSupport

@Suite("Golden files")
struct GoldenFileTests {
    let folder: URL
    init() throws { folder = URL(fileURLWithPath: try TemporaryFiles.folder("golden-tests")) }

    @Test("the update switch under CI fails and leaves the expected file alone")
    func updateUnderCIFails() throws {
        try "old\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        for ci in ["true", "TRUE", "1"] {
            #expect(throws: GoldenError.updateUnderCI(variable: "WEFT_UPDATE_GOLDEN")) {
                try GoldenFile.compare("new\n", with: "a.txt", in: folder, environment: ["WEFT_UPDATE_GOLDEN": "1", "CI": ci])
            }
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "old\n")
        #expect(throws: GoldenError.updateUnderCI(variable: "WEFT_WRITE_DAMAGED")) {
            try GoldenFile.updateRequested("WEFT_WRITE_DAMAGED", environment: ["WEFT_WRITE_DAMAGED": "1", "CI": "true"])
        }
    }

    @Test("the update switch outside CI rewrites the file; without it a difference names its line")
    func updateAndCompare() throws {
        try GoldenFile.compare("one\ntwo\n", with: "b.txt", in: folder, environment: ["WEFT_UPDATE_GOLDEN": "1", "CI": "false"])
        try GoldenFile.compare("one\ntwo\n", with: "b.txt", in: folder, environment: [:])
        #expect(throws: GoldenError.differs(name: "b.txt", line: 2, got: "three", expected: "two")) {
            try GoldenFile.compare("one\nthree\n", with: "b.txt", in: folder, environment: [:])
        }
        #expect(throws: GoldenError.differs(name: "b.txt", line: 3, got: "extra", expected: "")) {
            try GoldenFile.compare("one\ntwo\nextra", with: "b.txt", in: folder, environment: [:])
        }
        #expect(throws: GoldenError.missing(path: folder.appendingPathComponent("none.txt").path)) {
            try GoldenFile.compare("x", with: "none.txt", in: folder, environment: [:])
        }
        #expect(try GoldenFile.updateRequested(environment: [:]) == false)
    }
}
