/* Capturing kbuild's per-object compile commands; see kcmd.h. */
#define _GNU_SOURCE
#include "tree/kcmd.h"
#include "tree/farm.h"
#include "tree/kbuild.h"
#include "target/paths.h"
#include "target/run.h"
#include "util/file.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Run through the top Makefile (for the flags it exports) without any of its build targets: for each
 * directory, scripts/Makefile.build evaluates the directory's Makefile and cmd.mk prints kbuild's own
 * cmd_cc_o_c (compiler and objtool) for the objects asked for. Nothing is built, nothing written.
 */
static const char cmds_mk[] =
	"$(lastword $(MAKEFILE_LIST)): ;\n"
	"suture-cmds:\n"
	"\t@$(foreach d,$(SUTURE_DIRS),$(MAKE) -f $(srctree)/scripts/Makefile.build obj=$(d) need-builtin=1 "
	"need-modorder=1 -f $(SUTURE_CMD_MK) $(foreach o,$(SUTURE_OBJS),$(if $(filter $(d),$(patsubst "
	"%/,%,$(dir $(o)))),$(o))) &&) true\n";

/* A static pattern rule, like kbuild's own "$(obj)/%.o: $(src)/%.c", so $< and $* (module name) are set. */
static const char cmd_mk[] = "$(lastword $(MAKEFILE_LIST)): ;\n"
			     "$(MAKECMDGOALS): $(obj)/%.o: $(src)/%.c FORCE\n"
			     "\t@printf 'CMD %s %s\\n' '$@' '$(call escsq,$(cmd_cc_o_c))'\n";

int kcmd_parse(const char *text, const char *obj, char *buf, size_t len)
{
	char marker[PATH_MAX + 8];
	const char *line, *end;

	if (path_printf(marker, sizeof(marker), "CMD %s ", obj) < 0)
		return -1;
	for (line = strstr(text, marker); line && line != text && line[-1] != '\n'; line = strstr(line + 1, marker))
		;
	if (!line)
		return -1;
	line += strlen(marker);
	end = strchr(line, '\n');
	if (!end)
		end = line + strlen(line);
	while (end > line && end[-1] == ' ')
		end--;
	if ((size_t)(end - line) >= len || !memmem(line, (size_t)(end - line), " -c -o ", 7))
		return -1;
	memcpy(buf, line, (size_t)(end - line));
	buf[end - line] = '\0';
	return 0;
}

static int cache_file(const struct tree *tr, const char *obj, char *buf, size_t len)
{
	return path_printf(buf, len, "%s/cmds/%s.cmd", tr->dir, obj);
}

static int load_cached(const struct tree *tr, const char *obj, char *buf, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	if (cache_file(tr, obj, path, sizeof(path)) < 0 || !(f = fopen(path, "r")))
		return -1;
	if (!fgets(buf, (int)len, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int store(const struct tree *tr, const char *obj, const char *command)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	FILE *f;

	if (cache_file(tr, obj, path, sizeof(path)) < 0 || path_printf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid()) < 0 ||
	    make_parent_dirs(path) < 0 || !(f = fopen(tmp, "w")))
		return -1;
	fprintf(f, "%s\n", command);
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int capture(const struct tree *tr, const struct strv *missing, char **text, const char *cmd)
{
	char top[PATH_MAX], inner[PATH_MAX], innerarg[PATH_MAX + 32];
	char *dirs = NULL, *objs = NULL, *dirsarg = NULL, *objsarg = NULL, *argv[24];
	struct strv dirlist = { 0 };
	struct kbuild_bufs b;
	struct run_opts o = { .capture = text, .quiet_stderr = 1 };
	double start = now_seconds();
	size_t argc = 0, dlen = 0, olen = 0;
	FILE *df, *of;
	int rc = -1;

	if (path_printf(top, sizeof(top), "%s/suture-cmds.mk", tr->dir) < 0 ||
	    path_printf(inner, sizeof(inner), "%s/suture-cmd.mk", tr->dir) < 0 ||
	    path_printf(innerarg, sizeof(innerarg), "SUTURE_CMD_MK=%s", inner) < 0 || file_write_atomic(top, cmds_mk) < 0 ||
	    file_write_atomic(inner, cmd_mk) < 0) {
		log_error("%s: cannot write kbuild helpers into %s", cmd, tr->dir);
		return -1;
	}
	if (!(df = open_memstream(&dirs, &dlen)))
		goto out;
	if (!(of = open_memstream(&objs, &olen))) {
		fclose(df);
		goto out;
	}
	for (size_t i = 0; i < missing->n; i++) {
		const char *slash = strrchr(missing->v[i], '/');
		char dir[PATH_MAX];

		snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - missing->v[i]) : 1, slash ? missing->v[i] : ".");
		if (!strv_has(&dirlist, dir)) {
			strv_push(&dirlist, dir);
			fprintf(df, "%s ", dir);
		}
		fprintf(of, "%s ", missing->v[i]);
	}
	fclose(df);
	fclose(of);
	if (asprintf(&dirsarg, "SUTURE_DIRS=%s", dirs) < 0 || asprintf(&objsarg, "SUTURE_OBJS=%s", objs) < 0)
		goto out;
	kbuild_base_argv(tr, argv, &argc, &b);
	argv[argc++] = b.krel;
	argv[argc++] = "-f";
	argv[argc++] = "Makefile";
	argv[argc++] = "-f";
	argv[argc++] = top;
	argv[argc++] = dirsarg;
	argv[argc++] = objsarg;
	argv[argc++] = innerarg;
	argv[argc++] = "suture-cmds";
	argv[argc] = NULL;
	rc = run_cmd(&o, argv);
	if (rc == RUN_INTERRUPTED) {
		log_error("%s: asking kbuild for its compile commands: interrupted", cmd);
		rc = -1;
		goto out;
	}
	if (rc != 0) {
		log_error("%s: kbuild could not give the compile commands of %s%s (exit %d)", cmd, missing->v[0],
			  missing->n > 1 ? " ..." : "", rc);
		rc = -1;
		goto out;
	}
	log_info("%s: kbuild's commands for %zu file%s: %.1f s", cmd, missing->n, missing->n == 1 ? "" : "s",
		 now_seconds() - start);
out:
	free(dirs);
	free(objs);
	free(dirsarg);
	free(objsarg);
	strv_free(&dirlist);
	return rc;
}

int kbuild_commands(const struct tree *tr, const struct strv *objs, struct strv *out, const char *cmd)
{
	static char buf[65536];
	struct strv missing = { 0 };
	char *text = NULL;
	int rc = -1;

	for (size_t i = 0; i < objs->n; i++)
		if (load_cached(tr, objs->v[i], buf, sizeof(buf)) < 0 && strv_push(&missing, objs->v[i]) < 0)
			goto out;
	if (missing.n && capture(tr, &missing, &text, cmd) < 0)
		goto out;
	for (size_t i = 0; i < objs->n; i++) {
		if (load_cached(tr, objs->v[i], buf, sizeof(buf)) < 0) {
			if (!text || kcmd_parse(text, objs->v[i], buf, sizeof(buf)) < 0) {
				log_error("%s: %s: kbuild printed no compile command for it", cmd, objs->v[i]);
				goto out;
			}
			if (store(tr, objs->v[i], buf) < 0) {
				log_error("%s: cannot cache the command of %s in %s/cmds: %s", cmd, objs->v[i], tr->dir,
					  strerror(errno));
				goto out;
			}
		}
		if (strv_push(out, buf) < 0)
			goto out;
	}
	rc = 0;
out:
	free(text);
	strv_free(&missing);
	return rc;
}
