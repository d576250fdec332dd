#define _GNU_SOURCE
#include "CWeftSupport.h"
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/prctl.h>

__thread void *cweft_tls_slots[6] __attribute__((tls_model("initial-exec")));
static __thread int32_t cached_tid;

int32_t cweft_gettid(void) {
    if (cached_tid == 0) {
        cached_tid = (int32_t)syscall(SYS_gettid);
    }
    return cached_tid;
}

uint64_t cweft_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void cweft_set_timer_slack(uint64_t nanoseconds) {
    prctl(PR_SET_TIMERSLACK, (unsigned long)(nanoseconds == 0 ? 1 : nanoseconds), 0, 0, 0);
}

uint64_t cweft_realtime_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

extern void *swift_retain(void *object);
extern void swift_release(void *object);

void cweft_retain_object(void *object) { swift_retain(object); }
void cweft_release_object(void *object) { swift_release(object); }
