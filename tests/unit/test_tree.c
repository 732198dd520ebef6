/* tree/: parsing kbuild's printed commands, include resolution, symlink farms and their safe removal. */
#include "harness.h"
#include "tree/farm.h"
#include "tree/header.h"
#include "tree/kcmd.h"
#include "util/strv.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

TEST(kcmd_parse_picks_the_objects_line)
{
	const char *text = "CMD fs/proc/uptime.o gcc-12 -O2 -c -o fs/proc/uptime.o fs/proc/uptime.c ; objtool fs/proc/uptime.o  \n"
			   "CMD fs/proc/cmdline.o gcc-12 -c -o fs/proc/cmdline.o fs/proc/cmdline.c\n";
	char buf[512];

	CHECK(kcmd_parse(text, "fs/proc/cmdline.o", buf, sizeof(buf)) == 0);
	CHECK_STR(buf, "gcc-12 -c -o fs/proc/cmdline.o fs/proc/cmdline.c");
	CHECK(kcmd_parse(text, "fs/proc/uptime.o", buf, sizeof(buf)) == 0);
	CHECK_STR(buf, "gcc-12 -O2 -c -o fs/proc/uptime.o fs/proc/uptime.c ; objtool fs/proc/uptime.o");
	CHECK(kcmd_parse(text, "fs/proc/up.o", buf, sizeof(buf)) < 0);
	CHECK(kcmd_parse(text, "fs/proc/uptime.o", buf, 10) < 0);
}

TEST(include_candidates_follow_the_kernels_search_order)
{
	char out[8][4096];
	size_t n;

	n = include_candidates("fs/notify/fdinfo.c", "inotify/inotify.h", 1, out, 8);
	CHECK(n == 8);
	CHECK_STR(out[0], "fs/notify/inotify/inotify.h");
	CHECK_STR(out[1], "arch/x86/include/inotify/inotify.h");
	CHECK_STR(out[3], "include/inotify/inotify.h");
	n = include_candidates("fs/proc/base.c", "../mount.h", 1, out, 8);
	CHECK_STR(out[0], "fs/mount.h");
	n = include_candidates("fs/proc/base.c", "linux/fs.h", 0, out, 8);
	CHECK(n == 7);
	CHECK_STR(out[0], "arch/x86/include/linux/fs.h");
	CHECK_STR(out[2], "include/linux/fs.h");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

static char *read_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* A farm replaces one file privately; removing the farm leaves the tree behind it intact. */
TEST(farm_replaces_privately_and_removal_never_follows_links)
{
	char root[] = "/tmp/suture-farm-XXXXXX", tree[256], farm[256], p[512], buf[64];
	struct strv open = { 0 };
	struct stat st;

	CHECK(mkdtemp(root) != NULL);
	snprintf(tree, sizeof(tree), "%s/tree", root);
	snprintf(farm, sizeof(farm), "%s/farm", root);
	snprintf(p, sizeof(p), "%s/fs/proc/x", tree);
	CHECK(make_parent_dirs(p) == 0);
	snprintf(p, sizeof(p), "%s/fs/proc/cmdline.c", tree);
	write_file(p, "original");
	snprintf(p, sizeof(p), "%s/fs/proc/internal.h", tree);
	write_file(p, "header");
	snprintf(p, sizeof(p), "%s/Makefile", tree);
	write_file(p, "top");
	snprintf(p, sizeof(p), "%s/new.c", root);
	write_file(p, "patched");

	strv_push(&open, "fs/proc/cmdline.c");
	CHECK(farm_make(farm, tree, &open) == 0);
	CHECK(farm_replace(farm, "fs/proc/cmdline.c", p) == 0);
	snprintf(p, sizeof(p), "%s/fs/proc/cmdline.c", farm);
	CHECK_STR(read_file(p, buf, sizeof(buf)), "patched");
	CHECK(lstat(p, &st) == 0 && S_ISREG(st.st_mode));
	snprintf(p, sizeof(p), "%s/fs/proc/internal.h", farm);
	CHECK(lstat(p, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK_STR(read_file(p, buf, sizeof(buf)), "header");
	snprintf(p, sizeof(p), "%s/fs", farm);
	CHECK(lstat(p, &st) == 0 && S_ISDIR(st.st_mode));
	snprintf(p, sizeof(p), "%s/Makefile", farm);
	CHECK(lstat(p, &st) == 0 && S_ISLNK(st.st_mode));

	CHECK(remove_tree(farm) == 0);
	CHECK(access(farm, F_OK) != 0);
	snprintf(p, sizeof(p), "%s/fs/proc/cmdline.c", tree);
	CHECK_STR(read_file(p, buf, sizeof(buf)), "original");
	snprintf(p, sizeof(p), "%s/fs/proc/internal.h", tree);
	CHECK_STR(read_file(p, buf, sizeof(buf)), "header");
	CHECK(remove_tree(root) == 0);
	CHECK(remove_tree(root) == 0); /* already gone: fine */
	strv_free(&open);
}

TEST(strv_words_and_uniqueness)
{
	struct strv l = { 0 };

	CHECK(strv_push_words(&l, "  a.o b.o\tc.o \n") == 0);
	CHECK(l.n == 3);
	CHECK_STR(l.v[2], "c.o");
	CHECK(strv_add_unique(&l, "b.o") == 0 && l.n == 3);
	CHECK(strv_add_unique(&l, "d.o") == 0 && l.n == 4);
	CHECK(strv_has(&l, "d.o") && !strv_has(&l, "e.o"));
	CHECK(l.v[l.n] == NULL);
	strv_free(&l);
}
