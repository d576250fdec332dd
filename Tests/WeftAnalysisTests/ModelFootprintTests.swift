import Testing
import WeftTrace
@testable import WeftAnalysis

/// The model keeps one element per state change, run slice, message and wake-up, so each element's size is a
/// per-event cost of every model-based command (stats, check, render, diff, chrome export). These bound them at
/// what `weft-bench footprint` reports, so that a field added carelessly shows up here and not only in a profile.
@Suite("Model footprint per element")
struct ModelFootprintTests {
    @Test("a task state interval takes 32 bytes (the block's reason packs after its object)")
    func stateInterval() {
        #expect(MemoryLayout<TaskState>.size <= 16)
        #expect(MemoryLayout<StateInterval>.stride == 32)
    }

    @Test("run slices, messages and wake-ups keep their sizes")
    func otherParts() {
        #expect(MemoryLayout<RunSlice>.stride <= 32)
        #expect(MemoryLayout<MessageFlow>.stride <= 80)
        #expect(MemoryLayout<WakeEdge>.stride <= 48)
    }
}
