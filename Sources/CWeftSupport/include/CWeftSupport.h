#ifndef CWEFT_SUPPORT_H
#define CWEFT_SUPPORT_H

#include <stdint.h>
#include "CWeftSignals.h"
#include "CWeftGlobalHooks.h"
#include "CWeftSliceClocks.h"

/// The calling thread's kernel thread id (gettid(2)); cached per thread after the first call.
int32_t cweft_gettid(void);

/// Reads the CPU time-stamp counter (x86-64 RDTSC); elsewhere falls back to CLOCK_MONOTONIC nanoseconds.
static inline uint64_t cweft_rdtsc(void) {
#if defined(__x86_64__)
    uint32_t lo, hi;
    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
#else
    extern uint64_t cweft_monotonic_ns(void);
    return cweft_monotonic_ns();
#endif
}

/// Tells the CPU the caller is in a spin-wait loop (x86-64 PAUSE): cheaper for a sibling hyperthread and for the
/// loop's exit than a bare re-check; nothing elsewhere.
static inline void cweft_cpu_relax(void) {
#if defined(__x86_64__)
    __asm__ __volatile__("pause" ::: "memory");
#endif
}

/// CLOCK_MONOTONIC in nanoseconds.
uint64_t cweft_monotonic_ns(void);

/// Sets how late the kernel may end the calling thread's timed sleeps and waits (prctl PR_SET_TIMERSLACK; Linux's
/// default is 50 µs): the timer thread and the pool's short naps need their deadlines kept to a microsecond.
void cweft_set_timer_slack(uint64_t nanoseconds);

/// Wall-clock (CLOCK_REALTIME) in nanoseconds since the Unix epoch.
uint64_t cweft_realtime_ns(void);

/// Thread-local slots: a C `__thread` read is about 1 ns, far cheaper than pthread_getspecific.
/// Slot 0 is the trace recorder's per-thread writer; 1-5 belong to the runtime (WeftRuntime's `ThreadLocals`).
/// initial-exec: Weft links statically, so a slot read is one %fs-relative load, not a __tls_get_addr call.
extern __thread void *cweft_tls_slots[6] __attribute__((tls_model("initial-exec")));

static inline void *cweft_tls_get(int slot) { return cweft_tls_slots[slot]; }
static inline void cweft_tls_set(int slot, void *value) { cweft_tls_slots[slot] = value; }

/// Retains / releases a Swift heap object (a Swift task's job) by its address, through the Swift runtime.
void cweft_retain_object(void *object);
void cweft_release_object(void *object);

#endif
