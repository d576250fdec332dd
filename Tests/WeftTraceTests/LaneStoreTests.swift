import Testing
@testable import WeftTrace

/// The buffer of lanes the reader changes in place (`LaneStore`) behaves as an array of lanes does.
@Suite("Lane store")
struct LaneStoreTests {
    @Test("random appends and in-place changes leave the same lanes as an array, across growth")
    func agreesWithArray() {
        var generator = SystemRandomNumberGenerator()
        let store = LaneStore(capacity: 2)
        var mirror: [Lane] = []
        for step in 0..<20_000 {
            if mirror.isEmpty || Int.random(in: 0..<10, using: &generator) == 0 {
                let lane = Lane(thread: ThreadID(UInt64(step + 1)))
                #expect(store.append(lane) == mirror.count)
                mirror.append(lane)
                continue
            }
            let i = Int.random(in: 0..<mirror.count, using: &generator)
            let event = PendingEvent(kind: .send, time: UInt64(step), args: EventArguments(1, UInt64(step)), offset: step)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                store[i].ready.append(event)
                mirror[i].ready.append(event)
            case 1:
                let running = TaskID(UInt64(step))
                _ = store[i].emitted(running: running, stops: step % 7 == 0)
                _ = mirror[i].emitted(running: running, stops: step % 7 == 0)
            case 2:
                store[i].ready = []
                store[i].readyIndex = 0
                mirror[i].ready = []
                mirror[i].readyIndex = 0
            default:
                store[i].queued.toggle()
                mirror[i].queued.toggle()
            }
        }
        #expect(store.count == mirror.count)
        for i in mirror.indices {
            let a = store[i], b = mirror[i]
            #expect(a.thread == b.thread && a.running == b.running && a.stopped == b.stopped && a.queued == b.queued)
            #expect(a.readyIndex == b.readyIndex && a.ready.map(\.offset) == b.ready.map(\.offset))
        }
    }
}
