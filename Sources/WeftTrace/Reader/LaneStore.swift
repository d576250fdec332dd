/// The reader's lanes, one per thread, in one buffer it owns. A lane is read and changed in place through the
/// buffer's address: an array of lanes would check that its storage is uniquely referenced on every write, which is
/// a call on every event.
///
/// - Warning: Not thread-safe, and indices are checked only in debug builds: only `ReaderEngine` uses it, with the
///   indices `append` handed out.
final class LaneStore {
    // Unchecked: touched only by the engine, one call at a time; a dynamic exclusivity check per access would cost
    // more than the access.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Lane>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        base = UnsafeMutablePointer<Lane>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Adds `lane` after the others.
    /// - Returns: its index.
    @discardableResult
    func append(_ lane: Lane) -> Int {
        if count == capacity {
            let larger = UnsafeMutablePointer<Lane>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: lane)
        count += 1
        return count - 1
    }

    /// The lane at `index`, read and changed where it is.
    subscript(index: Int) -> Lane {
        @inline(__always) unsafeAddress {
            assert(index >= 0 && index < count, "lane \(index) of \(count)")
            return UnsafePointer(base + index)
        }
        @inline(__always) unsafeMutableAddress {
            assert(index >= 0 && index < count, "lane \(index) of \(count)")
            return base + index
        }
    }
}
