/* klp/stub and klp/module: the generated stub's C (escaping, tables) and a real kbuild link
 * against the installed headers, with the module's modinfo read back. */
#include "harness.h"
#include "klp/module.h"

#include <glob.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *stub_text(const struct stub_patch *p)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f || stub_write(f, p) != 0)
		return NULL;
	fclose(f);
	return text;
}

TEST(stub_tables_callbacks_states_and_escaping)
{
	const struct stub_func vf[] = { { "cmdline_proc_show", 0, "new_cmdline" } };
	const struct stub_func mf[] = { { "loop_attr_show", 2, "new_loop" } };
	const struct stub_object objs[] = {
		{ NULL, vf, 1, { .pre_patch = "pre", .post_unpatch = "post_un" } },
		{ "loop", mf, 1, { 0 } },
	};
	const char *ids[] = { "CVE-2024-0001" };
	const struct stub_state states[] = { { 7, 2 } };
	struct stub_patch p = { .description = "a \"quoted\"\\ desc\nline", .fix_ids = ids, .n_fix_ids = 1,
				.source_sha256 = "ab12", .replace = true, .objects = objs, .n_objects = 2,
				.states = states, .n_states = 1 };
	char *t = stub_text(&p);

	CHECK(t != NULL);
	if (!t)
		return;
	CHECK(strstr(t, "{ .old_name = \"cmdline_proc_show\", .new_func = new_cmdline, .old_sympos = 0 },"));
	CHECK(strstr(t, "{ .old_name = \"loop_attr_show\", .new_func = new_loop, .old_sympos = 2 },"));
	CHECK(strstr(t, ".name = \"loop\","));
	CHECK(strstr(t, ".name = NULL,"));
	CHECK(strstr(t, "extern int pre(struct klp_object *obj);"));
	CHECK(strstr(t, ".post_unpatch = post_un,"));
	CHECK(strstr(t, "{ .id = 7, .version = 2 },"));
	CHECK(strstr(t, ".replace = true,"));
	CHECK(strstr(t, "MODULE_DESCRIPTION(\"a \\\"quoted\\\"\\\\ desc\\012line\");"));
	CHECK(strstr(t, "MODULE_INFO(suture_fix_id, \"CVE-2024-0001\");"));
	CHECK(strstr(t, "MODULE_INFO(livepatch, \"Y\");"));
	free(t);
}

TEST(module_name_rules)
{
	CHECK(module_name_check("lp_cmdline_1") == 0);
	CHECK(module_name_check("") == -1);
	CHECK(module_name_check("lp-dash") == -1);
	CHECK(module_name_check("a/b") == -1);
	CHECK(module_name_check("x;rm -rf") == -1);
	CHECK(module_name_check("a234567890123456789012345678901234567890123456789012345") == 0);
	CHECK(module_name_check("a2345678901234567890123456789012345678901234567890123456") == -1);
}

/* Builds, with kbuild against the first installed headers, an object defining new_cmdline. */
static int build_object(const char *dir, const char *headers, char *obj, size_t len)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/obj && printf '#include <linux/seq_file.h>\\n"
		 "int new_cmdline(struct seq_file *m, void *v) { seq_puts(m, \"x\\\\n\"); return 0; }\\n'"
		 " > %s/obj/part.c && echo 'obj-m := part.o' > %s/obj/Kbuild &&"
		 " make -s -C %s M=%s/obj part.o >/dev/null 2>&1",
		 dir, dir, dir, headers, dir);
	snprintf(obj, len, "%s/obj/part.o", dir);
	return system(cmd);
}

TEST(module_links_with_kbuild)
{
	const struct stub_func vf[] = { { "cmdline_proc_show", 0, "new_cmdline" } };
	const struct stub_object objs[] = { { NULL, vf, 1, { 0 } } };
	const char *ids[] = { "CVE-2024-0002" };
	struct stub_patch p = { .description = "unit test", .fix_ids = ids, .n_fix_ids = 1, .objects = objs,
				.n_objects = 1 };
	char dir[] = "/tmp/suture-klp-XXXXXX", obj[512], work[512], ko[600], cmd[4096];
	char *objects[] = { obj };
	struct module_link m = { .name = "lp_unit", .objects = objects, .n_objects = 1, .patch = &p, .workdir = work };
	glob_t g;

	CHECK(glob("/usr/src/linux-headers-6.1.0-*-amd64", 0, NULL, &g) == 0 && g.gl_pathc > 0);
	if (!g.gl_pathc || !mkdtemp(dir))
		return;
	m.headers_dir = g.gl_pathv[0];
	snprintf(work, sizeof(work), "%s/link", dir);
	mkdir(work, 0700);
	CHECK(build_object(dir, m.headers_dir, obj, sizeof(obj)) == 0);
	CHECK(module_link(&m, ko, sizeof(ko)) == 0);
	snprintf(cmd, sizeof(cmd),
		 "modinfo %s | grep -q '^livepatch: *Y$' && modinfo -F suture_fix_id %s | grep -qx CVE-2024-0002"
		 " && modinfo -F vermagic %s | grep -q \"^$(basename %s | sed 's/linux-headers-//') \"",
		 ko, ko, ko, m.headers_dir);
	CHECK(system(cmd) == 0);

	/* An object that is not one: the link fails, and says so. */
	snprintf(cmd, sizeof(cmd), "echo garbage > %s", obj);
	CHECK(system(cmd) == 0);
	snprintf(work, sizeof(work), "%s/bad", dir);
	mkdir(work, 0700);
	CHECK(module_link(&m, ko, sizeof(ko)) == -1);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	globfree(&g);
}
