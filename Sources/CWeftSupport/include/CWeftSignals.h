#ifndef CWEFT_SIGNALS_H
#define CWEFT_SIGNALS_H

/// Sends signal `signo` to a pipe: installs a handler that writes the signal's number (one byte) to `write_fd`, which
/// must be non-blocking. The handler runs once; the signal's default action comes back after it (SA_RESETHAND), so a
/// second Ctrl-C ends the process at once. Returns 0, or -1 with errno set (e.g. EINVAL for a bad signal number).
int cweft_signal_to_pipe(int signo, int write_fd);

/// Undoes `cweft_signal_to_pipe`: puts back the signal's disposition from before the call. Returns 0 or -1 with errno.
int cweft_signal_restore(int signo);

#endif
