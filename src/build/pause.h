/* A test-only hook: SUTURE_TEST_PAUSE_AT=<stage> (fix, pairs, diff, emit, link, sign) makes the
 * build stop at the start of that stage, say so in one line ("build: paused at <stage>") and wait
 * there until SIGINT or SIGTERM arrives (at most a minute), then go on into the stage.
 *
 * tests/build uses it to interrupt every stage for certain instead of guessing with sleeps; a
 * stage that runs in-process for milliseconds cannot be hit otherwise. Unset, it costs a getenv.
 */
#ifndef SUTURE_BUILD_PAUSE_H
#define SUTURE_BUILD_PAUSE_H

/* Pauses when SUTURE_TEST_PAUSE_AT names stage. Needs run_catch_signals() first. */
void build_test_pause(const char *stage);

#endif
