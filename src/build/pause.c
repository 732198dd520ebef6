/* The test-only pause at the start of a build stage; see pause.h. */
#include "build/pause.h"
#include "target/run.h"
#include "util/log.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { PAUSE_MAX_MS = 60 * 1000, NAP_MS = 20 };

void build_test_pause(const char *stage)
{
	const char *at = getenv("SUTURE_TEST_PAUSE_AT");
	struct timespec nap = { 0, NAP_MS * 1000000L };

	if (!at || strcmp(at, stage) != 0)
		return;
	log_info("build: paused at %s (SUTURE_TEST_PAUSE_AT)", stage);
	/* A signal cuts the nap short; the flag run.c's handler sets ends the wait. */
	for (int waited = 0; waited < PAUSE_MAX_MS && !run_interrupted(); waited += NAP_MS)
		nanosleep(&nap, NULL);
}
