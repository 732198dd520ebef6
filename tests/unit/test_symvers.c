/* target/symvers: reading Module.symvers, from a small file written here and from the installed
 * headers' real one. */
#include "harness.h"
#include "target/symvers.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *write_file(const char *text)
{
	static char path[] = "/tmp/suture-symvers-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	close(fd);
	return path;
}

TEST(symvers_reads_objects_and_gpl)
{
	struct symvers sv;
	const struct export *e;
	char *path = write_file("0x1\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n"
				"0x2\tdrbd_role_str\tdrivers/block/drbd/drbd\tEXPORT_SYMBOL_GPL\t\n"
				"0x3\tnf_ct_x\tnet/netfilter/nf-conntrack\tEXPORT_SYMBOL\tNS\n");

	CHECK(path && symvers_load(&sv, path) == 0);
	CHECK(sv.n_exports == 3);
	e = symvers_find(&sv, "printk");
	CHECK(e && strcmp(e->object, "vmlinux") == 0 && !e->gpl_only);
	e = symvers_find(&sv, "drbd_role_str");
	CHECK(e && strcmp(e->object, "drbd") == 0 && e->gpl_only);
	e = symvers_find(&sv, "nf_ct_x");
	CHECK_STR(e ? e->object : NULL, "nf_conntrack");
	CHECK(symvers_find(&sv, "cmdline_proc_show") == NULL);
	symvers_free(&sv);
	unlink(path);
}

TEST(symvers_rejects_a_malformed_line)
{
	struct symvers sv;
	char *path = write_file("0x1\tprintk\tvmlinux\tEXPORT_SYMBOL\t\nnot a symvers line\n");

	CHECK(path && symvers_load(&sv, path) == -1);
	CHECK(sv.n_exports == 0 && sv.exports == NULL);
	unlink(path);
}

TEST(symvers_missing_file_fails)
{
	struct symvers sv;

	CHECK(symvers_load(&sv, "/nonexistent/Module.symvers") == -1);
}

TEST(symvers_reads_the_real_headers)
{
	struct symvers sv;
	const struct export *e;
	glob_t g;

	/* Any installed Debian 6.1 headers: the set-up installs at least the target's. */
	CHECK(glob("/usr/src/linux-headers-6.1.0-*-amd64/Module.symvers", 0, NULL, &g) == 0);
	if (g.gl_pathc == 0)
		return;
	CHECK(symvers_load(&sv, g.gl_pathv[0]) == 0);
	CHECK(sv.n_exports > 20000);
	e = symvers_find(&sv, "_printk");
	CHECK(e && strcmp(e->object, "vmlinux") == 0);
	e = symvers_find(&sv, "klp_enable_patch");
	CHECK(e && e->gpl_only);
	CHECK(symvers_find(&sv, "cmdline_proc_show") == NULL);
	symvers_free(&sv);
	globfree(&g);
}
