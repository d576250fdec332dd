/// A map from small ids to values: an array for ids below 2^20 (trace ids are dense, from 1), a dictionary above.
/// Lookups in the array need no hashing, which keeps the reader fast.
struct DenseTable<Value> {
    static var denseLimit: UInt64 { 1 << 20 }
    private var dense: [Value?] = []
    private var sparse: [UInt64: Value] = [:]

    subscript(id: UInt64) -> Value? {
        get {
            if id < UInt64(dense.count) { return dense[Int(id)] }
            return id < Self.denseLimit ? nil : sparse[id]
        }
        set {
            if id < Self.denseLimit {
                if id >= UInt64(dense.count) {
                    guard newValue != nil else { return }
                    dense.append(contentsOf: repeatElement(nil, count: max(Int(id) + 1, dense.count * 2) - dense.count))
                }
                dense[Int(id)] = newValue
            } else {
                sparse[id] = newValue
            }
        }
    }

    /// Changes the value of `id` in place, starting from `initial` when absent.
    @inline(__always)
    mutating func update<R>(_ id: UInt64, default initial: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        if id < UInt64(dense.count), dense[Int(id)] != nil {
            return body(&dense[Int(id)]!)
        }
        var value = self[id] ?? initial()
        defer { self[id] = value }
        return body(&value)
    }
}
