// WeftDemos: the blog post's examples and the workloads that test its claims, runnable under either scheduler.
