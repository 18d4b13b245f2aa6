/*
 * watchdog.c: the time budget of a hook (see watchdog.h). A detached thread
 * sleeps on the monotonic clock until the deadline; a hang anywhere else
 * (a pathological pattern, libgit2 spinning on a corrupt object) cannot
 * stop it. It exits with _exit(): nothing of the hung process is trusted
 * to unwind.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "pincheck/watchdog.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char doing[512] = "starting";
static char message[256];
static double budget;
static struct timespec deadline;
static int started;

void pc_watchdog_doing(const char *fmt, ...)
{
	va_list ap;
	if (!started)
		return;
	pthread_mutex_lock(&lock);
	va_start(ap, fmt);
	vsnprintf(doing, sizeof(doing), fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&lock);
}

/* Say that the budget is spent, and exit 3. */
static void give_up(void)
{
	char out[1024];
	int n;
	/* The main thread holds the lock only to copy a line; if it is
	 * stuck there, report without the detail rather than wait. */
	if (pthread_mutex_trylock(&lock) == 0) {
		n = snprintf(out, sizeof(out), "pincheck: gave up after %g s (--max-seconds) while %s; %s\n",
			     budget, doing, message);
		pthread_mutex_unlock(&lock);
	} else {
		n = snprintf(out, sizeof(out), "pincheck: gave up after %g s (--max-seconds); %s\n",
			     budget, message);
	}
	if (n > 0)
		(void)!write(2, out, (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1);
	_exit(3);
}

static void *watch(void *arg)
{
	(void)arg;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR)
		;
	give_up();
	return NULL;
}

void pc_watchdog_finish(void)
{
	struct timespec now;
	if (!started)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > deadline.tv_sec ||
	    (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec))
		give_up();
}

int pc_watchdog_start(double seconds, const char *what)
{
	pthread_attr_t attr;
	pthread_t t;
	double whole;
	int err;

	if (started)
		return 0;
	if (!isfinite(seconds) || seconds <= 0)
		return pc_error_set(PC_EUSAGE, "--max-seconds must be a number above 0");
	budget = seconds;
	snprintf(message, sizeof(message), "%s", what);
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	whole = floor(seconds);
	deadline.tv_sec += (time_t)whole;
	deadline.tv_nsec += (long)((seconds - whole) * 1e9);
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&t, &attr, watch, NULL);
	pthread_attr_destroy(&attr);
	if (err)
		return pc_error_set(PC_ERUNTIME, "cannot start the watchdog: %s", strerror(err));
	started = 1;
	return 0;
}

int pc_seconds_parse(double *out, const char *s)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v <= 0 || v > 86400)
		return pc_error_set(PC_EUSAGE, "--max-seconds takes a number of seconds above 0 and up "
				    "to 86400, not '%s'", s);
	*out = v;
	return 0;
}
