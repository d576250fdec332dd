#define _GNU_SOURCE
#include "CWeftGlobalHooks.h"
#include <stdatomic.h>
#include <time.h>

// The Swift runtime's global-executor hooks (swift/Runtime/Concurrency.h). They use the Swift calling convention.
typedef struct Job Job;
#define SWIFTCC __attribute__((swiftcall))

typedef SWIFTCC void (*enqueue_original)(Job *job);
typedef SWIFTCC void (*enqueue_delay_original)(unsigned long long delay, Job *job);
typedef SWIFTCC void (*enqueue_deadline_original)(long long sec, long long nsec, long long tsec, long long tnsec,
                                                  int clock, Job *job);

extern SWIFTCC void (*swift_task_enqueueGlobal_hook)(Job *job, enqueue_original original);
extern SWIFTCC void (*swift_task_enqueueGlobalWithDelay_hook)(unsigned long long delay, Job *job,
                                                             enqueue_delay_original original);
extern SWIFTCC void (*swift_task_enqueueGlobalWithDeadline_hook)(long long sec, long long nsec, long long tsec,
                                                                long long tnsec, int clock, Job *job,
                                                                enqueue_deadline_original original);

static _Atomic(cweft_global_job_handler) job_handler;
static _Atomic(cweft_global_delayed_job_handler) delayed_job_handler;

static SWIFTCC void enqueue_hook(Job *job, enqueue_original original) {
    cweft_global_job_handler handler = atomic_load(&job_handler);
    if (handler == 0 || !handler(job)) original(job);
}

static SWIFTCC void enqueue_delay_hook(unsigned long long delay, Job *job, enqueue_delay_original original) {
    cweft_global_delayed_job_handler handler = atomic_load(&delayed_job_handler);
    if (handler == 0 || !handler(job, delay)) original(delay, job);
}

/// The runtime's clock ids: 1 continuous (CLOCK_BOOTTIME on Linux), 2 suspending (CLOCK_MONOTONIC).
static int posix_clock(int swift_clock, clockid_t *clock) {
    switch (swift_clock) {
    case 1: *clock = CLOCK_BOOTTIME; return 1;
    case 2: *clock = CLOCK_MONOTONIC; return 1;
    default: return 0;
    }
}

static SWIFTCC void enqueue_deadline_hook(long long sec, long long nsec, long long tsec, long long tnsec, int clock,
                                          Job *job, enqueue_deadline_original original) {
    cweft_global_delayed_job_handler handler = atomic_load(&delayed_job_handler);
    clockid_t posix;
    if (handler != 0 && posix_clock(clock, &posix)) {
        struct timespec now;
        clock_gettime(posix, &now);
        long long delay = (sec - (long long)now.tv_sec) * 1000000000LL + (nsec - (long long)now.tv_nsec);
        if (handler(job, delay > 0 ? (uint64_t)delay : 0)) return;
    }
    original(sec, nsec, tsec, tnsec, clock, job);
}

void cweft_install_global_hooks(cweft_global_job_handler handler, cweft_global_delayed_job_handler delayed) {
    atomic_store(&job_handler, handler);
    atomic_store(&delayed_job_handler, delayed);
    swift_task_enqueueGlobal_hook = enqueue_hook;
    swift_task_enqueueGlobalWithDelay_hook = enqueue_delay_hook;
    swift_task_enqueueGlobalWithDeadline_hook = enqueue_deadline_hook;
}

void cweft_remove_global_hooks(void) {
    swift_task_enqueueGlobal_hook = 0;
    swift_task_enqueueGlobalWithDelay_hook = 0;
    swift_task_enqueueGlobalWithDeadline_hook = 0;
}
