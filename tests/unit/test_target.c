/* target/: release names, Debian versions, and sympos numbering of a kallsyms dump. */
#include "harness.h"
#include "target/release.h"
#include "target/symbols.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

TEST(release_names)
{
	CHECK(release_is_valid("6.1.0-56-amd64"));
	CHECK(!release_is_valid("6.1.0-56-amd64/../x"));
	CHECK(!release_is_valid("5.10.0-1-amd64"));
	CHECK(!release_is_valid(""));
}

TEST(upstream_of_debian_version)
{
	char buf[32];

	CHECK(version_upstream("6.1.192-2", buf, sizeof(buf)) == 0);
	CHECK_STR(buf, "6.1.192");
	CHECK(version_upstream("6.1.187-1~bpo", buf, sizeof(buf)) == 0);
	CHECK_STR(buf, "6.1.187");
	CHECK(version_upstream("-1", buf, sizeof(buf)) < 0);
}

static const char *write_dump(const char *text)
{
	static char path[] = "/tmp/suture-kallsyms-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

/* A name that occurs three times in vmlinux: sympos follows the dump's (address) order. */
TEST(kallsyms_duplicate_names_get_sympos_in_order)
{
	const char *path = write_dump("ffffffff81000000 T _stext\n"
				      "ffffffff81000100 t mode_show\n"
				      "ffffffff81000200 t other\n"
				      "ffffffff81000300 t mode_show\n"
				      "ffffffffc0000000 t mode_show\t[loop]\n"
				      "ffffffff81000400 t mode_show\n");
	struct ksyms ks = { 0 };
	char err[256];
	size_t first, n;

	CHECK(ksyms_load_kallsyms(&ks, path, err, sizeof(err)) == 0);
	unlink(path);
	CHECK(ksyms_finish(&ks) == 0);
	n = ksyms_lookup(&ks, "mode_show", &first);
	CHECK(n == 3); /* the loaded module's line is not vmlinux */
	CHECK(ks.v[first].sympos == 1 && ks.v[first].addr == 0xffffffff81000100ull);
	CHECK(ks.v[first + 2].sympos == 3 && ks.v[first + 2].addr == 0xffffffff81000400ull);
	CHECK(ks.v[first + 1].count == 3);
	CHECK(ksyms_lookup(&ks, "other", &first) == 1 && ks.v[first].sympos == 1);
	CHECK(ksyms_lookup(&ks, "absent", &first) == 0);
	CHECK(ks.nvmlinux == 5 && ks.v[ks.vmlinux[1]].addr == 0xffffffff81000100ull);
	ksyms_free(&ks);
}

TEST(kallsyms_rejects_garbage)
{
	const char *path = write_dump("this is not kallsyms\n");
	struct ksyms ks = { 0 };
	char err[256];

	CHECK(ksyms_load_kallsyms(&ks, path, err, sizeof(err)) < 0);
	unlink(path);
	ksyms_free(&ks);
}
