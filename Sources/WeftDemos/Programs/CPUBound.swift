import WeftRuntime

extension Demo {
    /// Tasks that only compute: count the primes below a limit, the range split between the tasks.
    public static let cpuBound = Demo(
        name: "cpu-bound",
        summary: "tasks that only compute (count the primes below a limit, split in ranges): no waiting at all",
        claim: "Rust: no runtime, max performance for CPU-bound work; Go's runtime adds slight overhead.",
        parameters: [
            DemoParameter("tasks", 8, 1...10_000, "how many tasks share the range"),
            DemoParameter("limit", 2_000_000, 2...1_000_000_000, "count the primes below this number"),
        ]
    ) { context in
        let runtime = context.runtime
        let tasks = context["tasks"]
        let limit = context["limit"]
        let chunk = (limit + tasks - 1) / tasks
        var handles: [TaskHandle<Int>] = []
        for index in 0..<tasks {
            let low = index * chunk
            let high = min(limit, low + chunk)
            handles.append(runtime.spawn("primes \(low)..<\(high)") {
                countPrimes(from: low, below: high)
            })
        }
        var total = 0
        for handle in handles { total += try await handle.value }
        context.say("\(total.grouped) prime\(total == 1 ? "" : "s") below \(limit.grouped), counted by \(tasks.grouped) task\(tasks == 1 ? "" : "s")")
    }
}

/// How many primes p satisfy low ≤ p < high, by trial division by odd numbers.
func countPrimes(from low: Int, below high: Int) -> Int {
    var count = 0
    var n = max(low, 2)
    while n < high {
        if isPrime(n) { count += 1 }
        n += 1
    }
    return count
}

/// Whether n is prime, by trial division.
func isPrime(_ n: Int) -> Bool {
    if n < 4 { return n >= 2 }
    if n % 2 == 0 { return false }
    var d = 3
    while d * d <= n {
        if n % d == 0 { return false }
        d += 2
    }
    return true
}
