/* Path roots of the manager, overridable from the environment; see paths.h. */
#include "manager/paths.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const char *root_of(enum mgr_root root)
{
	static const struct {
		const char *env, *fallback;
	} roots[] = {
		[ROOT_SYS] = { "SUTURE_SYSFS", "/sys" },
		[ROOT_PROC] = { "SUTURE_PROC", "/proc" },
		[ROOT_STATE] = { "SUTURE_STATE_DIR", "/var/lib/suture" },
		[ROOT_BOOT] = { "SUTURE_BOOT", "/boot" },
	};
	const char *value = getenv(roots[root].env);

	return value && *value ? value : roots[root].fallback;
}

int mgr_path(char *buf, size_t size, enum mgr_root root, const char *fmt, ...)
{
	va_list ap;
	int head, tail;

	head = snprintf(buf, size, "%s", root_of(root));
	if (head < 0 || (size_t)head >= size)
		return -1;
	va_start(ap, fmt);
	tail = vsnprintf(buf + head, size - head, fmt, ap);
	va_end(ap);
	return tail < 0 || (size_t)tail >= size - head ? -1 : 0;
}
