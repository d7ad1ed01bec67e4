// wakefloor: this machine's own timer floor, for instrument.sh. Wakes every PERIOD_US
// microseconds for SECONDS seconds, doing nothing else, and prints how late each wake-up was
// (p50, p90, p99, p99.9, max, and the share later than 1 ms: the lean engine's lag rule
// applied to a program that does nothing). Run it pinned to the injector's core
// (taskset -c 0) while nothing else of the benchmark runs: a p99 here is a floor no injector
// on this core can go under.
//
//   cc -O2 -o wakefloor wakefloor.c && taskset -c 0 ./wakefloor 40 10 epoll
//
// MODE epoll: a timerfd armed at each due time, waited for with epoll_wait (what Netty's
// epoll transport does); MODE sleep: clock_nanosleep to the due time (subject to the
// thread's timer slack, 50 us by default). Due times are absolute (k * period from the
// start), so a late wake-up does not shift the ones after it, as in the open model.
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: wakefloor PERIOD_US SECONDS [epoll|sleep]\n");
        return 2;
    }
    int64_t period = atoll(argv[1]) * 1000LL;
    int seconds = atoi(argv[2]);
    const char *mode = argc > 3 ? argv[3] : "epoll";
    if (period <= 0 || seconds <= 0 || (strcmp(mode, "epoll") && strcmp(mode, "sleep"))) {
        fprintf(stderr, "usage: wakefloor PERIOD_US SECONDS [epoll|sleep]\n");
        return 2;
    }
    int64_t n = (int64_t) seconds * 1000000000LL / period;
    int64_t *late = malloc(n * sizeof(int64_t));
    int ep = -1, tfd = -1;
    if (!late) {
        return 1;
    }
    if (!strcmp(mode, "epoll")) {
        struct epoll_event ev = {.events = EPOLLIN};
        ep = epoll_create1(0);
        tfd = timerfd_create(CLOCK_MONOTONIC, 0);
        ev.data.fd = tfd;
        if (ep < 0 || tfd < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev)) {
            perror("epoll/timerfd");
            return 1;
        }
    }
    int64_t start = now_ns() + period;
    for (int64_t i = 0; i < n; i++) {
        int64_t due = start + i * period;
        struct timespec ts = {due / 1000000000LL, due % 1000000000LL};
        if (ep < 0) {
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
        } else if (due > now_ns()) {
            struct itimerspec its = {{0, 0}, ts};
            struct epoll_event out;
            uint64_t expirations;
            timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
            epoll_wait(ep, &out, 1, -1);
            if (read(tfd, &expirations, sizeof expirations) < 0) {
                perror("read");
            }
        }
        int64_t l = now_ns() - due;
        late[i] = l < 0 ? 0 : l;
    }
    int64_t over = 0;
    for (int64_t i = 0; i < n; i++) {
        over += late[i] > 1000000;
    }
    qsort(late, n, sizeof(int64_t), cmp);
    printf("mode=%s period_us=%lld wakeups=%lld late_ms p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f over_1ms_pct=%.3f\n",
           mode, (long long) (period / 1000), (long long) n, late[n / 2] / 1e6, late[n * 9 / 10] / 1e6,
           late[n * 99 / 100] / 1e6, late[n * 999 / 1000] / 1e6, late[n - 1] / 1e6, 100.0 * over / n);
    return 0;
}
