#ifndef CWEFT_GLOBAL_HOOKS_H
#define CWEFT_GLOBAL_HOOKS_H

#include <stdint.h>

/// Offered each job the Swift runtime hands to its global executor while the hooks are installed (`Task {}`,
/// `Task.detached`, their resumptions, default actors' drain jobs). Returns nonzero when it took the job; zero lets
/// the runtime's own global executor run it.
typedef int (*cweft_global_job_handler)(void *job);

/// Offered each job the runtime asks its global executor to run after `delay_ns` nanoseconds (`Task.sleep` of a task
/// with no executor preference). Returns nonzero when it took the job.
typedef int (*cweft_global_delayed_job_handler)(void *job, uint64_t delay_ns);

/// Installs the runtime's `swift_task_enqueueGlobal_hook`, `swift_task_enqueueGlobalWithDelay_hook` and
/// `swift_task_enqueueGlobalWithDeadline_hook` so that every job they see is first offered to the handlers.
void cweft_install_global_hooks(cweft_global_job_handler handler, cweft_global_delayed_job_handler delayed);

/// Removes the hooks: jobs go straight to the runtime's global executor again. A job being offered right now still
/// reaches the handlers, which stay callable.
void cweft_remove_global_hooks(void);

#endif
