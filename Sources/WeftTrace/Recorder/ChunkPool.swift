#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A block of memory a thread encodes events into; the writer thread writes it out and gives it back.
struct Chunk: @unchecked Sendable {
    let memory: UnsafeMutableRawPointer
    let capacity: Int
}

/// Preallocated, pre-touched chunks shared by all of a recorder's threads, recycled after writing.
///
/// A thread gets a small chunk first and large ones once it has filled one, so that 10,000 threads that record
/// a few events each cost 10,000 small chunks, not 10,000 large ones. Memory is capped: when the cap is reached,
/// `take` fails and the caller counts its events as dropped.
final class ChunkPool: @unchecked Sendable {
    static let smallSize = 2 << 10
    static let largeSize = 64 << 10

    private let lock = PThreadLock()
    private var small: [Chunk] = []
    private var large: [Chunk] = []
    private var allocated = 0
    let cap: Int

    init(cap: Int = 512 << 20, preallocateLarge: Int = 4) {
        self.cap = cap
        for _ in 0..<preallocateLarge {
            if let c = allocate(Self.largeSize) { large.append(c) }
        }
    }

    deinit {
        for c in small + large { free(c.memory) }
    }

    /// A chunk, or nil when the memory cap is reached.
    func take(large wantLarge: Bool) -> Chunk? {
        lock.withLock {
            if wantLarge, let c = large.popLast() { return c }
            if !wantLarge, let c = small.popLast() { return c }
            return allocate(wantLarge ? Self.largeSize : Self.smallSize)
        }
    }

    /// Returns a written chunk for reuse.
    func give(_ chunk: Chunk) {
        lock.withLock {
            if chunk.capacity == Self.largeSize { large.append(chunk) } else { small.append(chunk) }
        }
    }

    /// Bytes of chunk memory allocated so far.
    var allocatedBytes: Int { lock.withLock { allocated } }

    /// Forgets a chunk that the caller frees itself.
    func forget(_ chunk: Chunk) {
        lock.withLock { allocated -= chunk.capacity }
    }

    private func allocate(_ size: Int) -> Chunk? {
        guard allocated + size <= cap, let memory = malloc(size) else { return nil }
        memset(memory, 0, size)  // touch every page now, not on the hot path
        allocated += size
        return Chunk(memory: memory, capacity: size)
    }
}
