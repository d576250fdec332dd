// WeftRuntime: the multiplexed (M:N) and thread-per-task (1:1) schedulers, the instrumented primitives
// (spawn, channels, select, mutex, wait group, condition, sleep), and their hook-up to the trace recorder.
