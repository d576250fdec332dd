import WeftRuntime

/// The schedulers the primitives' tests run under: the three of `allSchedulers` and the deterministic one.
let primitiveSchedulers: [SchedulerKind] = allSchedulers + [.deterministic(seed: 11)]

/// A virtual-time run for ordering claims: the same schedule every time.
let virtualTime = SchedulerKind.deterministic(seed: 3)
