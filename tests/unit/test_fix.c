/* fix/: the unified diff parser, on small diffs written here and on the integration fixes. */
#include "fix/fix.h"
#include "harness.h"

#include <glob.h>

static int parse(struct fix *fix, const char *text)
{
	memset(fix, 0, sizeof(*fix));
	return fix_parse(fix, "t.patch", text, strlen(text));
}

#define HUNK "@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n"

TEST(fix_plain_diff_with_mail_header)
{
	struct fix fix;

	CHECK(parse(&fix, "Subject: fix\n\nsome text\n--- a/fs/proc/x.c\n+++ b/fs/proc/x.c\n" HUNK) == 0);
	CHECK(fix.n_files == 1);
	CHECK_STR(fix.files[0].path, "fs/proc/x.c");
	CHECK(fix.files[0].change == FIX_MODIFY);
	CHECK(fix.files[0].hunks == 1 && fix.files[0].added == 2 && fix.files[0].removed == 1);
	fix_free(&fix);
}

TEST(fix_git_diff_two_files_and_timestamps)
{
	struct fix fix;

	CHECK(parse(&fix, "diff --git a/k/a.c b/k/a.c\nindex 1..2 100644\n"
			  "--- a/k/a.c\t2024-01-01 00:00:00\n+++ b/k/a.c\t2024-01-01 00:00:01\n" HUNK
			  "diff --git a/k/b.h b/k/b.h\n--- a/k/b.h\n+++ b/k/b.h\n" HUNK HUNK) == 0);
	CHECK(fix.n_files == 2);
	CHECK_STR(fix.files[0].path, "k/a.c");
	CHECK_STR(fix.files[1].path, "k/b.h");
	CHECK(fix.files[1].hunks == 2);
	fix_free(&fix);
}

TEST(fix_new_file_and_no_newline_marker)
{
	struct fix fix;

	CHECK(parse(&fix, "--- /dev/null\n+++ b/k/new.c\n@@ -0,0 +1,2 @@\n+int x;\n+int y;\n"
			  "\\ No newline at end of file\n") == 0);
	CHECK(fix.n_files == 1 && fix.files[0].change == FIX_CREATE && fix.files[0].added == 2);
	fix_free(&fix);
}

TEST(fix_same_file_in_two_diffs_is_listed_once)
{
	struct fix fix;
	const char *d = "--- a/k/a.c\n+++ b/k/a.c\n" HUNK;

	CHECK(parse(&fix, d) == 0);
	CHECK(fix_parse(&fix, "second.patch", d, strlen(d)) == 0);
	CHECK(fix.n_files == 1 && fix.files[0].hunks == 2);
	fix_free(&fix);
}

TEST(fix_documentation_is_ignored_not_dropped_silently)
{
	struct fix fix;

	CHECK(parse(&fix, "--- a/Documentation/x.rst\n+++ b/Documentation/x.rst\n" HUNK
			  "--- a/k/a.c\n+++ b/k/a.c\n" HUNK) == 0);
	CHECK(fix.n_files == 1 && fix.n_ignored == 1);
	CHECK_STR(fix.files[0].path, "k/a.c");
	fix_free(&fix);
}

/* Each refusal: parse must fail and leave nothing half-added that leaks (ASan checks that). */
#define REFUSED(name, text)                                                    \
	TEST(name)                                                             \
	{                                                                      \
		struct fix fix;                                                \
		CHECK(parse(&fix, text) == -1);                                \
		fix_free(&fix);                                                \
	}

REFUSED(fix_refuses_empty, "")
REFUSED(fix_refuses_garbage, "this is not a diff\nat all\n")
REFUSED(fix_refuses_binary_git, "diff --git a/x.c b/x.c\nGIT binary patch\nliteral 3\n")
REFUSED(fix_refuses_binary_files, "Binary files a/fw.bin and b/fw.bin differ\n")
REFUSED(fix_refuses_rename_git, "diff --git a/k/a.c b/k/b.c\nrename from k/a.c\nrename to k/b.c\n")
REFUSED(fix_refuses_rename_plain, "--- a/k/a.c\n+++ b/k/b.c\n" HUNK)
REFUSED(fix_refuses_delete_git, "diff --git a/k/a.c b/k/a.c\ndeleted file mode 100644\n")
REFUSED(fix_refuses_delete_plain, "--- a/k/a.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n")
REFUSED(fix_refuses_absolute_path, "--- /etc/passwd\n+++ /etc/passwd\n" HUNK)
REFUSED(fix_refuses_dotdot, "--- a/../etc/passwd\n+++ b/../etc/passwd\n" HUNK)
REFUSED(fix_refuses_dotdot_inside, "--- a/k/../../x.c\n+++ b/k/../../x.c\n" HUNK)
REFUSED(fix_refuses_no_prefix, "--- x.c\n+++ x.c\n" HUNK)
REFUSED(fix_refuses_assembly, "--- a/arch/x86/entry/entry_64.S\n+++ b/arch/x86/entry/entry_64.S\n" HUNK)
REFUSED(fix_refuses_kconfig, "--- a/fs/Kconfig\n+++ b/fs/Kconfig\n" HUNK)
REFUSED(fix_refuses_makefile, "--- a/fs/proc/Makefile\n+++ b/fs/proc/Makefile\n" HUNK)
REFUSED(fix_refuses_truncated_hunk, "--- a/k/a.c\n+++ b/k/a.c\n@@ -1,3 +1,4 @@\n a\n-b\n")
REFUSED(fix_refuses_short_hunk, "--- a/k/a.c\n+++ b/k/a.c\n@@ -1,3 +1,3 @@\n a\nnot a hunk line\n")
REFUSED(fix_refuses_bad_hunk_header, "--- a/k/a.c\n+++ b/k/a.c\n@@ -x +1 @@\n a\n")
REFUSED(fix_refuses_header_without_hunk, "--- a/k/a.c\n+++ b/k/a.c\nsome text\n")
REFUSED(fix_refuses_minus_without_plus, "--- a/k/a.c\nno plus line\n")

TEST(fix_refuses_nul_bytes)
{
	static const char text[] = "--- a/k/a.c\n+++ b/k/a.c\n@@ -1 +1 @@\n-a\n+\0\n";
	struct fix fix = { 0 };

	CHECK(fix_parse(&fix, "t.patch", text, sizeof(text) - 1) == -1);
	fix_free(&fix);
}

TEST(fix_parses_every_integration_fix)
{
	glob_t g;

	CHECK(glob("tests/integration/cases/*/fix.patch", 0, NULL, &g) == 0);
	CHECK(g.gl_pathc >= 25);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct fix fix = { 0 };

		if (fix_load(&fix, g.gl_pathv[i]) != 0 || fix.n_files < 1) {
			fprintf(stderr, "    %s\n", g.gl_pathv[i]);
			CHECK(!"an integration fix did not parse");
		}
		fix_free(&fix);
	}
	globfree(&g);
}

TEST(fix_load_missing_file)
{
	struct fix fix = { 0 };

	CHECK(fix_load(&fix, "/nonexistent/fix.patch") == -1);
}
