#define _GNU_SOURCE
#include "CWeftSliceClocks.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

struct cweft_slice_clocks {
    /// 0 when empty, else the thread's number << 32 | its clock id's 32 bits.
    _Atomic uint64_t slots[CWEFT_SLICE_CLOCK_SLOTS];
};

/// The calling thread's CPU clock id, looked up once per thread.
static __thread clockid_t own_clock;
static __thread bool own_clock_known;
/// The slot the calling thread took last: usually free again for it.
static __thread int32_t preferred_slot = -1;

cweft_slice_clocks *cweft_slice_clocks_create(void) {
    cweft_slice_clocks *clocks = malloc(sizeof *clocks);
    if (clocks == NULL) return NULL;
    for (int i = 0; i < CWEFT_SLICE_CLOCK_SLOTS; i++) atomic_init(&clocks->slots[i], 0);
    return clocks;
}

void cweft_slice_clocks_destroy(cweft_slice_clocks *clocks) { free(clocks); }

int32_t cweft_slice_clocks_enter(cweft_slice_clocks *clocks, uint32_t thread) {
    if (!own_clock_known) {
        if (pthread_getcpuclockid(pthread_self(), &own_clock) != 0) return -1;
        own_clock_known = true;
    }
    uint64_t entry = (uint64_t)thread << 32 | (uint32_t)own_clock;
    int32_t first = preferred_slot >= 0 ? preferred_slot : (int32_t)(thread % CWEFT_SLICE_CLOCK_SLOTS);
    for (int32_t probe = 0; probe < CWEFT_SLICE_CLOCK_SLOTS; probe++) {
        int32_t slot = (first + probe) % CWEFT_SLICE_CLOCK_SLOTS;
        uint64_t empty = 0;
        if (atomic_load_explicit(&clocks->slots[slot], memory_order_relaxed) == 0
            && atomic_compare_exchange_strong_explicit(&clocks->slots[slot], &empty, entry, memory_order_release,
                                                       memory_order_relaxed)) {
            preferred_slot = slot;
            return slot;
        }
    }
    return -1;
}

void cweft_slice_clocks_leave(cweft_slice_clocks *clocks, int32_t slot) {
    if (slot < 0) return;
    atomic_store_explicit(&clocks->slots[slot], 0, memory_order_release);
}

bool cweft_slice_clocks_read(cweft_slice_clocks *clocks, int32_t slot, uint32_t *thread, uint64_t *cpu) {
    uint64_t entry = atomic_load_explicit(&clocks->slots[slot], memory_order_acquire);
    if (entry == 0) return false;
    struct timespec ts;
    if (clock_gettime((clockid_t)(int32_t)(uint32_t)entry, &ts) != 0) return false;
    *thread = (uint32_t)(entry >> 32);
    *cpu = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    return true;
}
