/* Shared by the diff engine's unit tests: open a case pair compiled by diff-cases/build (objects under
 * build/diff-cases/, or $SUTURE_DIFF_CASES), run the engine, and query its decisions and output. */
#ifndef SUTURE_TEST_DIFF_CASE_H
#define SUTURE_TEST_DIFF_CASE_H

#include "diff/diff.h"

struct diff_case {
	struct elf_object *orig, *patched, *output;
	struct special_layout layout;
	struct diff d;
	char output_path[256];
};

/* The directory holding orig/, patched/ and probe/. */
const char *diff_cases_dir(void);

/* 0 when the case ran; failures are reported through the harness. */
int diff_case_open(struct diff_case *c, const char *name);
void diff_case_close(struct diff_case *c);

/* The decision's status name for a symbol ("changed", ...), or "none". */
const char *diff_case_status(const struct diff_case *c, const char *name);
const char *diff_case_reason(const struct diff_case *c, const char *name);
int diff_case_included(const struct diff_case *c, const char *name);
/* How many decisions have a status other than unchanged. */
size_t diff_case_count_decided(const struct diff_case *c);

/* Writes and reads back the output object (kept in c->output); NULL on failure. */
struct elf_object *diff_case_output(struct diff_case *c);
/* A reference recorded when the output was written, or NULL. */
const struct diff_reference *diff_case_ref(const struct diff_case *c, const char *name);
/* Entries in section name of obj (size / entsize from the layout), 0 when absent. */
size_t diff_case_entries(const struct diff_case *c, const struct elf_object *obj, const char *section);

#endif
