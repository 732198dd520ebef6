/* A small unit-test harness: TEST(name) { ... CHECK(cond); ... } registers a case; the runner
 * (harness.c) runs each case in its own process, so a crash fails that case only, and prints
 * `PASS: unit/<file>/<case>` or `FAIL: …` per case for tests/run to count.
 */
#ifndef SUTURE_TEST_HARNESS_H
#define SUTURE_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

void test_register(const char *file, const char *name, void (*fn)(void));
void test_fail(const char *file, int line, const char *what);

#define TEST(name)                                                             \
	static void name(void);                                                \
	__attribute__((constructor)) static void register_##name(void)         \
	{                                                                      \
		test_register(__FILE__, #name, name);                          \
	}                                                                      \
	static void name(void)

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			test_fail(__FILE__, __LINE__, #cond);                  \
	} while (0)

#define CHECK_STR(a, b)                                                        \
	do {                                                                   \
		const char *a_ = (a), *b_ = (b);                               \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                       \
			fprintf(stderr, "    '%s' != '%s'\n", a_ ? a_ : "(null)", \
				b_ ? b_ : "(null)");                           \
			test_fail(__FILE__, __LINE__, #a " == " #b);           \
		}                                                              \
	} while (0)

#endif
