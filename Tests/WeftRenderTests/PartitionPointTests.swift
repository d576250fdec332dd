import Testing
@testable import WeftRender

/// `partitionPoint(where:)`: the binary search that the lost locks, message wakes and starved slices share.
struct PartitionPointTests {
    @Test("finds the first element past a value, as a scan from the start does, on arrays and on slices")
    func agreesWithAScan() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (seed >> 33) % bound
        }
        for _ in 0 ..< 500 {
            let values = (0 ..< Int(next(12))).map { _ in next(20) }.sorted()
            let probe = next(22)
            let scanned = values.firstIndex { $0 > probe } ?? values.endIndex
            #expect(values.partitionPoint { $0 > probe } == scanned, "\(values) past \(probe)")
            let cut = Int(next(UInt64(values.count + 1)))
            let slice = values[..<cut]
            let scannedSlice = slice.firstIndex { $0 > probe } ?? slice.endIndex
            #expect(slice.partitionPoint { $0 > probe } == scannedSlice, "\(slice) past \(probe)")
        }
        #expect([Int]().partitionPoint { $0 > 0 } == 0)
    }
}
