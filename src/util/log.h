/* Messages to the user: one line each, prefixed "suture: ", on stderr.
 *
 * Errors say what, where and why (DESIGN.md §5); progress lines say what runs and how long it took.
 */
#ifndef SUTURE_UTIL_LOG_H
#define SUTURE_UTIL_LOG_H

#include <stdarg.h>

/* Exit codes shared by every subcommand (documented in `suture help`). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,  /* the operation failed; the system is left as it was */
	EXIT_USAGE = 2, /* bad command line */
};

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Silences log_info (for --json and --quiet callers). */
void log_set_quiet(int quiet);

#endif
