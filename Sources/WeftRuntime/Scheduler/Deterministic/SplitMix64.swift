/// A small, fast, seedable pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014): the same seed gives the
/// same sequence on every machine and every run, which is what the deterministic scheduler's choices need.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound ≥ 1), by Lemire's multiply-and-reject method: no modulo bias.
    @inline(__always)
    mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below:) needs a bound of at least 1")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }
}
