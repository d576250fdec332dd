#ifndef CWEFT_SLICE_CLOCKS_H
#define CWEFT_SLICE_CLOCKS_H

#include <stdbool.h>
#include <stdint.h>

/// The CPU clocks of the threads that are inside a run slice, for the sampler of one traced run: a fixed table of
/// slots, each empty or holding one thread's number in the trace and its CPU clock id. A thread takes a slot when a
/// slice begins and empties it when the slice ends (two atomic operations, no lock, no system call after the
/// thread's first slice); the sampler reads every occupied slot's clock. At most one slot per thread in a slice;
/// when more threads are in slices at once than there are slots, the extra ones go unsampled.
#define CWEFT_SLICE_CLOCK_SLOTS 64

typedef struct cweft_slice_clocks cweft_slice_clocks;

/// A new, empty table; NULL when memory is short.
cweft_slice_clocks *cweft_slice_clocks_create(void);
void cweft_slice_clocks_destroy(cweft_slice_clocks *clocks);

/// Puts the calling thread (numbered `thread` in the trace, > 0) in a free slot. Returns the slot, or -1 when
/// every slot is taken (or the thread's clock cannot be had).
int32_t cweft_slice_clocks_enter(cweft_slice_clocks *clocks, uint32_t thread);

/// Empties the slot `enter` returned (nothing for -1).
void cweft_slice_clocks_leave(cweft_slice_clocks *clocks, int32_t slot);

/// Reads slot `slot`: when it holds a thread, stores its number and its CPU time in nanoseconds (the thread's CPU
/// clock, CLOCK_THREAD_CPUTIME_ID as seen from another thread) and returns true; false when the slot is empty or
/// the clock could not be read (the thread has just ended).
bool cweft_slice_clocks_read(cweft_slice_clocks *clocks, int32_t slot, uint32_t *thread, uint64_t *cpu);

#endif
