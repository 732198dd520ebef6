/* The type checker (src/types) on C source pairs compiled by kbuild with the kernel's flags and
 * debug information (diff-cases/layout_*): which layout changes are accepted and which refused. */
#include "harness.h"
#include "test_diff_case.h"
#include "types/types.h"

#include <stdio.h>
#include <string.h>

/* Runs the diff engine and then the type checker on a case, with allowed type names. */
static int check_case(const char *name, const struct strv *allowed, struct type_findings *out)
{
	struct diff_case c;
	char orig[512], patched[512];
	int rc;

	if (diff_case_open(&c, name) != 0)
		return -1;
	snprintf(orig, sizeof(orig), "%s/orig/%s.o", diff_cases_dir(), name);
	snprintf(patched, sizeof(patched), "%s/patched/%s.o", diff_cases_dir(), name);
	rc = types_check_diff(&c.d, orig, patched, allowed, out, name);
	diff_case_close(&c);
	return rc;
}

static const struct type_finding *finding(const struct type_findings *f, const char *what)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].what, what))
			return &f->v[i];
	return NULL;
}

TEST(types_stack_only_struct_accepted)
{
	struct type_findings f = { 0 };
	const struct type_finding *t;

	CHECK(check_case("layout_stack", NULL, &f) == 0);
	t = finding(&f, "struct ls_box");
	CHECK(t && t->verdict == TYPE_STACK_ONLY);
	CHECK(t && strstr(t->message, "member 'c' at offset 8 added; size 8 -> 12"));
	type_findings_free(&f);
}

TEST(types_pointer_parameter_refused)
{
	struct type_findings f = { 0 };
	const struct type_finding *t;

	CHECK(check_case("layout_pointer", NULL, &f) == 0);
	t = finding(&f, "struct lp_obj");
	CHECK(t && t->verdict == TYPE_UNSAFE);
	CHECK(t && strstr(t->message, "member 'b' at offset 4 added; size 4 -> 8; used by lp_read: objects the "
			  "running kernel already holds keep the old layout"));
	CHECK(t && strstr(t->message, "--allow-layout-change=lp_obj"));
	type_findings_free(&f);
}

TEST(types_allowed_by_the_author)
{
	struct strv allowed = { 0 };
	struct type_findings f = { 0 };
	const struct type_finding *t;

	strv_push(&allowed, "lp_obj");
	CHECK(check_case("layout_pointer", &allowed, &f) == 0);
	t = finding(&f, "struct lp_obj");
	CHECK(t && t->verdict == TYPE_ALLOWED);
	type_findings_free(&f);
	strv_free(&allowed);
}

/* The rule chosen: a struct reached through a pointer is live, even when only the patched code
 * allocates it — the old code allocated the smaller records still around. */
TEST(types_appended_member_of_allocated_struct_refused)
{
	struct type_findings f = { 0 };
	const struct type_finding *t;

	CHECK(check_case("layout_alloc", NULL, &f) == 0);
	t = finding(&f, "struct la_rec");
	CHECK(t && t->verdict == TYPE_UNSAFE);
	CHECK(t && strstr(t->message, "member 'extra' at offset 4 added"));
	type_findings_free(&f);
}

TEST(types_ulong_to_u64_no_change)
{
	struct type_findings f = { 0 };

	CHECK(check_case("layout_ulong_u64", NULL, &f) == 0);
	CHECK(f.n == 0);
	type_findings_free(&f);
}

TEST(types_enum_renumbered_refused)
{
	struct type_findings f = { 0 };
	const struct type_finding *t;

	CHECK(check_case("layout_enum", NULL, &f) == 0);
	t = finding(&f, "enum em_state");
	CHECK(t && t->verdict == TYPE_UNSAFE);
	CHECK(t && strstr(t->message, "enumerator 'EM_X' = 1 added"));
	CHECK(t && strstr(t->message, "values the running kernel already stored"));
	type_findings_free(&f);
}

TEST(types_signature_change_refused)
{
	struct type_findings f = { 0 };
	const struct type_finding *t;

	CHECK(check_case("layout_signature", NULL, &f) == 0);
	t = finding(&f, "function sig_f");
	CHECK(t && t->verdict == TYPE_UNSAFE);
	CHECK(t && strstr(t->message, "its signature changed") && strstr(t->message, "other files"));
	type_findings_free(&f);
}

TEST(types_static_key_default_refused)
{
	struct type_findings f = { 0 };
	const struct type_finding *t;

	CHECK(check_case("static_key_default", NULL, &f) == 0);
	t = finding(&f, "static key skd_key");
	CHECK(t && t->verdict == TYPE_UNSAFE);
	CHECK(t && strstr(t->message, "static_key_false -> static_key_true"));
	type_findings_free(&f);
}
