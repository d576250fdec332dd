/// A map from small ids to values: an array for ids below 2^20 (trace ids are dense, from 1), a dictionary above.
/// Lookups in the array need no hashing, which keeps the reader fast.
struct DenseTable<Value> {
    static var denseLimit: UInt64 { 1 << 20 }
    private var dense: [Value?] = []
    private var sparse: [UInt64: Value] = [:]

    subscript(id: UInt64) -> Value? {
        @inline(__always) get {
            if id < UInt64(dense.count) { return dense[Int(id)] }
            return id < Self.denseLimit ? nil : sparse[id]
        }
        @inline(__always) set {
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

    /// Removes and returns the value of `id`, so that the caller holds it uniquely while changing it (then stores
    /// it back): a value with a collection inside is not copied on write.
    @inline(__always)
    mutating func take(_ id: UInt64) -> Value? {
        let value = self[id]
        if value != nil { self[id] = nil }
        return value
    }

    /// Changes the value of `id` in place, starting from `initial` when it has none: one access to the table when
    /// the id is known, no copy of the value.
    @inline(__always)
    mutating func update(_ id: UInt64, default initial: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        if id < UInt64(dense.count), dense[Int(id)] != nil {
            body(&dense[Int(id)]!)
            return
        }
        var value = self[id] ?? initial()
        body(&value)
        self[id] = value
    }
}
