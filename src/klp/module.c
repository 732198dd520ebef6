/* Linking a livepatch module with kbuild; see module.h.
 *
 * kbuild links objects it did not compile when each comes with a .<obj>.cmd file (modpost reads
 * them); the stub it compiles itself, with the kernel's flags.
 */
#include "klp/module.h"
#include "klp/emit.h"
#include "target/run.h"
#include "tree/farm.h"
#include "util/file.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The kernel's MODULE_NAME_LEN is 56, with the terminating NUL. */
#define MODULE_NAME_MAX 55

int module_name_check(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > MODULE_NAME_MAX) {
		log_error("module name '%s': must be 1 to %d characters", name, MODULE_NAME_MAX);
		return -1;
	}
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_')) {
			log_error("module name '%s': only letters, digits and '_' (the kernel's sysfs and"
				  " modprobe names)", name);
			return -1;
		}
	return 0;
}

static int write_stub(const struct module_link *m, const char *path)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	ret = stub_write(f, m->patch);
	if (fclose(f) != 0)
		ret = -1;
	if (ret)
		log_error("%s: %s", path, strerror(errno));
	return ret;
}

/* What went wrong, from kbuild's log: its first error line (compiler or modpost), else its last lines. */
static void report_failure(const struct module_link *m, const char *log)
{
	char line[512], tail[5][512] = { "" }, msg[2600] = "";
	FILE *f = fopen(log, "r");
	size_t n = 0;

	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strstr(line, "error:") || strstr(line, "ERROR:")) {
			snprintf(msg, sizeof(msg), "%s", line);
			break;
		}
		snprintf(tail[n++ % 5], sizeof(tail[0]), "%s", line);
	}
	if (f)
		fclose(f);
	for (size_t i = n > 5 ? n - 5 : 0; !*msg && i < n; i++) {
		size_t len = strlen(msg);

		snprintf(msg + len, sizeof(msg) - len, "%s%s", len ? " " : "", tail[i % 5]);
	}
	log_error("linking module %s failed: %s (full log: %s)", m->name, msg, log);
}

/* modpost's "undefined!" warnings name every symbol the module loader will look up: placeholders
 * are fine (livepatch resolves them), anything else would fail the load. */
static int check_undefined(const struct module_link *m, const char *log)
{
	FILE *f = fopen(log, "r");
	char line[4096];
	int ret = 0;

	if (!f) {
		log_error("%s: %s", log, strerror(errno));
		return -1;
	}
	while (ret == 0 && fgets(line, sizeof(line), f)) {
		char *name = strchr(line, '"'), *end = name ? strchr(name + 1, '"') : NULL;

		if (!strstr(line, "undefined!") || !end)
			continue;
		*end = '\0';
		if (strncmp(name + 1, EMIT_PLACEHOLDER_PREFIX, strlen(EMIT_PLACEHOLDER_PREFIX)) != 0) {
			log_error("linking module %s: %s is neither exported by the kernel nor a livepatch"
				  " symbol (full log: %s)", m->name, name + 1, log);
			ret = -1;
		}
	}
	fclose(f);
	return ret;
}

/* Object i as <name>_diff<i>.o with the .cmd file that makes kbuild take it as built. */
static int add_prebuilt(const struct module_link *m, size_t i)
{
	char path[4096], text[4200];

	snprintf(path, sizeof(path), "%s/%s_diff%zu.o", m->workdir, m->name, i);
	if (copy_file(m->objects[i], path)) {
		log_error("copying %s to %s: %s", m->objects[i], path, strerror(errno));
		return -1;
	}
	snprintf(text, sizeof(text), "cmd_%s := suture build\n", path);
	snprintf(path, sizeof(path), "%s/.%s_diff%zu.o.cmd", m->workdir, m->name, i);
	if (file_write_atomic(path, text)) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int module_link(const struct module_link *m, char *ko, size_t ko_len)
{
	char path[4096], text[8192], log[4096];
	/* Placeholders of livepatch symbols are undefined to modpost: warnings, checked below. */
	char *argv[] = { "make", "-C", (char *)m->headers_dir, NULL, "KBUILD_MODPOST_WARN=1", "modules", NULL };
	char mflag[4200];
	struct run_opts o = { .cwd = m->workdir, .stdout_path = log, .stderr_to_stdout = 1 };
	struct stat st;
	size_t len;
	int status;

	if (module_name_check(m->name))
		return -1;
	snprintf(path, sizeof(path), "%s/%s_stub.c", m->workdir, m->name);
	if (write_stub(m, path))
		return -1;
	len = (size_t)snprintf(text, sizeof(text), "obj-m := %s.o\n%s-objs := %s_stub.o", m->name, m->name, m->name);
	for (size_t i = 0; i < m->n_objects; i++) {
		if (add_prebuilt(m, i) < 0)
			return -1;
		len += (size_t)snprintf(text + len, len < sizeof(text) ? sizeof(text) - len : 0, " %s_diff%zu.o",
					m->name, i);
	}
	if (len + 2 >= sizeof(text)) {
		log_error("linking module %s: too many objects", m->name);
		return -1;
	}
	strcat(text, "\n");
	snprintf(path, sizeof(path), "%s/Kbuild", m->workdir);
	if (file_write_atomic(path, text)) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}

	snprintf(mflag, sizeof(mflag), "M=%s", m->workdir);
	argv[3] = mflag;
	snprintf(log, sizeof(log), "%s/kbuild.log", m->workdir);
	status = run_cmd(&o, argv);
	if (status == RUN_INTERRUPTED) {
		log_error("linking module %s: interrupted", m->name);
		return -1;
	}
	snprintf(ko, ko_len, "%s/%s.ko", m->workdir, m->name);
	if (status != 0 || stat(ko, &st) != 0) {
		report_failure(m, log);
		return -1;
	}
	return check_undefined(m, log);
}
