/* Watching a transition; see transition.h. */
#include "manager/transition.h"
#include "manager/stalled.h"
#include "manager/sysfs.h"
#include "util/log.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

enum { POLL_MS = 100 };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nap(void)
{
	struct timespec ts = { 0, POLL_MS * 1000000L };

	nanosleep(&ts, NULL);
}

int transition_wait(const char *cmd, const char *patch, int target, int timeout_s)
{
	double start = now();
	int next_report = 1;

	for (;;) {
		double waited = now() - start;
		long transition;

		if (lp_attr(patch, "transition", &transition))
			return lp_exists(patch) ? -EIO : -ENOENT;
		if (transition == 0)
			return 0;
		if (waited >= timeout_s)
			return -ETIMEDOUT;
		if (waited >= next_report) {
			struct stalled_task *tasks;
			size_t n = 0;

			if (stalled_scan(target, &tasks, &n) == 0)
				free(tasks);
			if (n)
				log_info("%s: %s: %s, %ds, %zu task%s not switched yet", cmd, patch,
					 target ? "patching" : "unpatching", next_report, n,
					 n == 1 ? "" : "s");
			else
				log_info("%s: %s: %s, %ds, every task switched, finishing", cmd, patch,
					 target ? "patching" : "unpatching", next_report);
			next_report++;
		}
		nap();
	}
}

int transition_wait_gone(const char *patch, int timeout_s)
{
	for (int i = 0; i < timeout_s * (1000 / POLL_MS); i++) {
		if (!lp_exists(patch))
			return 0;
		nap();
	}
	return -ETIMEDOUT;
}
