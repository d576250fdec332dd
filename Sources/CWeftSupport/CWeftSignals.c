#define _GNU_SOURCE
#include "CWeftSignals.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define CWEFT_SIGNAL_SLOTS 65

// Per signal: the pipe its handler writes to (-1 when none) and the disposition it replaced.
static volatile sig_atomic_t pipe_for_signal[CWEFT_SIGNAL_SLOTS] = {
    [0 ... CWEFT_SIGNAL_SLOTS - 1] = -1
};
static struct sigaction previous[CWEFT_SIGNAL_SLOTS];

// Async-signal-safe: one write(2) of one byte, errno preserved.
static void cweft_signal_handler(int signo) {
    int saved = errno;
    int fd = (signo > 0 && signo < CWEFT_SIGNAL_SLOTS) ? pipe_for_signal[signo] : -1;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)signo;
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

int cweft_signal_to_pipe(int signo, int write_fd) {
    if (signo <= 0 || signo >= CWEFT_SIGNAL_SLOTS || write_fd < 0) { errno = EINVAL; return -1; }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cweft_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    pipe_for_signal[signo] = write_fd;
    if (sigaction(signo, &action, &previous[signo]) != 0) {
        int saved = errno;
        pipe_for_signal[signo] = -1;
        errno = saved;
        return -1;
    }
    return 0;
}

int cweft_signal_restore(int signo) {
    if (signo <= 0 || signo >= CWEFT_SIGNAL_SLOTS) { errno = EINVAL; return -1; }
    int result = sigaction(signo, &previous[signo], NULL);
    pipe_for_signal[signo] = -1;
    return result;
}
