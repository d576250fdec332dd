/// Values by raw id (task, object, thread ids: usually small and dense), read and written like a dictionary's:
/// the values sit in an array found through a `DenseIndex`, so a lookup is two array reads, not a hash. A slot,
/// once given to an id, stays (setting nil empties it): the memory follows the ids ever set, not those set now.
struct DenseMap<Value> {
    private var index = DenseIndex()
    private var values: [Value?] = []
    /// How many ids have a value now.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    subscript(raw: UInt64) -> Value? {
        @inline(__always) get {
            guard let p = index.position(raw) else { return nil }
            return values[p]
        }
        @inline(__always) set {
            if let p = index.position(raw) {
                count += (newValue != nil ? 1 : 0) - (values[p] != nil ? 1 : 0)
                values[p] = newValue
            } else if newValue != nil {
                values.append(newValue)
                index.set(raw, values.count - 1)
                count += 1
            }
        }
    }

    /// Removes the value of `raw` and returns it (nil when there was none).
    @inline(__always)
    mutating func removeValue(forKey raw: UInt64) -> Value? {
        guard let p = index.position(raw), let value = values[p] else { return nil }
        values[p] = nil
        count -= 1
        return value
    }
}
