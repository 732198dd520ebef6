/* klp/sympos: choosing among same-named symbols by the file's neighbours, on a small kallsyms
 * dump written here (two files each with a static `show`, one unique name). */
#include "harness.h"
#include "klp/sympos.h"

#include <stdlib.h>
#include <unistd.h>

static const char dump[] = "ffffffff81000000 T _stext\n"
			   "ffffffff81000100 t alpha_open\n"
			   "ffffffff81000200 t show\n"
			   "ffffffff81000300 t alpha_write\n"
			   "ffffffff81000400 t shared_helper\n"
			   "ffffffff82000100 t beta_open\n"
			   "ffffffff82000200 t beta_release\n"
			   "ffffffff82000300 t show\n"
			   "ffffffff82000400 t shared_helper\n"
			   "ffffffff82000500 T unique_fn\n"
			   "ffffffffc0000000 t show\t[some_module]\n";

static int load(struct ksyms *ks)
{
	char path[] = "/tmp/suture-kallsyms-XXXXXX", err[256];
	int fd = mkstemp(path), ret;

	memset(ks, 0, sizeof(*ks));
	if (fd < 0 || write(fd, dump, sizeof(dump) - 1) != (ssize_t)(sizeof(dump) - 1))
		return -1;
	close(fd);
	ret = ksyms_load_kallsyms(ks, path, err, sizeof(err));
	unlink(path);
	return ret ? ret : ksyms_finish(ks);
}

static int choose(const char *name, const char *const *nb, size_t n, unsigned long *pos)
{
	struct ksyms ks;
	struct sympos_file file = { "x.c", nb, n };
	int ret;

	if (load(&ks))
		return -2;
	ret = sympos_choose(&ks, VMLINUX, name, &file, pos);
	ksyms_free(&ks);
	return ret;
}

TEST(sympos_first_copy_by_its_neighbours)
{
	const char *nb[] = { "alpha_open", "alpha_write", "show" };
	unsigned long pos = 99;

	CHECK(choose("show", nb, 3, &pos) == 0);
	CHECK(pos == 1);
}

TEST(sympos_second_copy_by_its_neighbours)
{
	const char *nb[] = { "beta_open", "beta_release", "show" };
	unsigned long pos = 99;

	CHECK(choose("show", nb, 3, &pos) == 0);
	CHECK(pos == 2);
}

TEST(sympos_unique_name_is_zero)
{
	const char *nb[] = { "beta_open" };
	unsigned long pos = 99;

	CHECK(choose("unique_fn", nb, 1, &pos) == 0);
	CHECK(pos == 0);
}

TEST(sympos_module_lines_do_not_count_for_vmlinux)
{
	const char *nb[] = { "alpha_open" };
	unsigned long pos = 99;

	/* The dump's [some_module] `show` must not make vmlinux's count 3. */
	CHECK(choose("show", nb, 1, &pos) == 0);
	CHECK(pos == 1);
}

TEST(sympos_refuses_when_neighbours_do_not_decide)
{
	const char *nb[] = { "shared_helper" }; /* next to both copies */
	unsigned long pos = 99;

	CHECK(choose("show", nb, 1, &pos) == -1);
	CHECK(pos == 99);
}

TEST(sympos_refuses_when_no_neighbour_is_known)
{
	const char *nb[] = { "gamma_open" };
	unsigned long pos = 99;

	CHECK(choose("show", nb, 1, &pos) == -1);
}

TEST(sympos_refuses_a_name_the_kernel_lacks)
{
	const char *nb[] = { "alpha_open" };
	unsigned long pos = 99;

	CHECK(choose("missing_fn", nb, 1, &pos) == -1);
}
