/// Maps raw ids (usually small and dense) to positions in an array: a flat table for small ids, a dictionary
/// beyond. Keeps the builder's per-event lookups cheap.
struct DenseIndex {
    private var table: [Int32] = []
    private var overflow: [UInt64: Int] = [:]
    private static let flatLimit: UInt64 = 1 << 22

    /// The position stored for `raw`, if any.
    @inline(__always)
    func position(_ raw: UInt64) -> Int? {
        if raw < Self.flatLimit {
            guard raw < UInt64(table.count) else { return nil }
            let p = table[Int(raw)]
            return p < 0 ? nil : Int(p)
        }
        return overflow[raw]
    }

    /// Stores `position` for `raw`.
    mutating func set(_ raw: UInt64, _ position: Int) {
        if raw < Self.flatLimit {
            let r = Int(raw)
            if r >= table.count { table.append(contentsOf: repeatElement(-1, count: max(r + 1 - table.count, table.count))) }
            table[r] = Int32(position)
        } else {
            overflow[raw] = position
        }
    }

    /// The position of `raw` in `array`, appending `make()` (and remembering its position) when it is new.
    @inline(__always)
    mutating func position<T>(_ raw: UInt64, in array: inout [T], orAppend make: () -> T) -> Int {
        if let p = position(raw) { return p }
        array.append(make())
        set(raw, array.count - 1)
        return array.count - 1
    }
}
