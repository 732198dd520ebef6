/* Finding who holds a livepatch's functions with IPMODIFY; see conflict.h.
 *
 * tracefs' enabled_functions has a line per traced function: "<func> (<refs>) R I ..." where
 * " I" marks IPMODIFY, followed by the ops' trampoline and handler, "%pS" style, which names the
 * handler's module in brackets. Livepatch's own handler (klp_ftrace_handler) is not a conflict:
 * livepatches share one ftrace_ops per function. Which functions the patch wants is read from the
 * .ko itself: a klp_func's old_name is a NUL-terminated string in it.
 */
#include "manager/conflict.h"
#include "manager/paths.h"
#include "manager/sysfile.h"
#include "util/log.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_enabled_functions(void)
{
	static const char *const places[] = { "/kernel/tracing/enabled_functions",
					      "/kernel/debug/tracing/enabled_functions" };
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		char *text;

		if (mgr_path(path, sizeof(path), ROOT_SYS, "%s", places[i]))
			continue;
		text = sysfile_read(path);
		if (text)
			return text;
	}
	return NULL;
}

/* Whether the file's bytes hold name as a whole NUL-terminated string. */
static int names_function(const char *bytes, size_t size, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = bytes; p + len < bytes + size; p++) {
		p = memchr(p, name[0], bytes + size - len - p);
		if (!p)
			return 0;
		if (p[len] == '\0' && (p == bytes || p[-1] == '\0') && memcmp(p, name, len) == 0)
			return 1;
	}
	return 0;
}

/* The module named in the last "[...]" of the line, into buf; "" when none. */
static void holder_module(const char *line, char *buf, size_t size)
{
	const char *open = strrchr(line, '['), *close;

	buf[0] = '\0';
	if (!open)
		return;
	close = strchr(open, ']');
	if (close && (size_t)(close - open - 1) < size) {
		memcpy(buf, open + 1, close - open - 1);
		buf[close - open - 1] = '\0';
	}
}

int conflict_explain(const char *cmd, const char *patch, const char *ko_path)
{
	char *functions = read_enabled_functions(), *ko, *line, *next;
	FILE *f;
	size_t ko_size;
	int found = 0;

	if (!functions)
		return 0;
	f = fopen(ko_path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (long)(ko_size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out_file;
	ko = malloc(ko_size ? ko_size : 1);
	if (!ko || fread(ko, 1, ko_size, f) != ko_size)
		goto out_ko;
	for (line = functions; *line; line = next) {
		char func[256], module[128];

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		if (!strstr(line, " I ") || strstr(line, "klp_ftrace_handler") ||
		    sscanf(line, "%255s", func) != 1 || !names_function(ko, ko_size, func))
			continue;
		holder_module(line, module, sizeof(module));
		if (module[0])
			log_error("%s: %s: %s is held by another ftrace user with IPMODIFY (module %s); "
				  "only one such user per function is allowed (unload %s first)",
				  cmd, patch, func, module, module);
		else
			log_error("%s: %s: %s is held by another ftrace user with IPMODIFY; only one such "
				  "user per function is allowed (see enabled_functions in tracefs)",
				  cmd, patch, func);
		found++;
	}
out_ko:
	free(ko);
out_file:
	if (f)
		fclose(f);
	free(functions);
	return found;
}
