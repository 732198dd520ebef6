/* Cache paths of a target kernel; see paths.h. */
#include "target/paths.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cache_root(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	int n;

	if (xdg && *xdg)
		n = snprintf(buf, len, "%s/suture", xdg);
	else if (home && *home)
		n = snprintf(buf, len, "%s/.cache/suture", home);
	else
		return -1;
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int cache_path(char *buf, size_t len, const char *fmt, ...)
{
	char root[4096];
	char rest[4096];
	va_list ap;
	int n;

	if (cache_root(root, sizeof(root)) < 0)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(rest, sizeof(rest), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(rest))
		return -1;
	n = snprintf(buf, len, "%s/%s", root, rest);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int read_line_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (!fgets(buf, (int)len, f)) {
		fclose(f);
		errno = ENODATA;
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int path_printf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}
