/* Small file helpers; see file.h. */
#include "util/file.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int file_write_atomic(const char *path, const char *text)
{
	char tmp[PATH_MAX];
	FILE *f;
	int n = snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());

	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	if (fputs(text, f) < 0) {
		fclose(f);
		unlink(tmp);
		return -1;
	}
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		int saved = errno;

		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}
