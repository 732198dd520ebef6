/* Checking a module's path before loading it; see pathsafe.h. */
#include "manager/pathsafe.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Why st (of path; dir: a directory above the file) lets someone other than root change it. */
static const char *unsafe(const struct stat *st, int dir)
{
	if (st->st_uid != 0)
		return "not owned by root";
	if (!(st->st_mode & (S_IWGRP | S_IWOTH)))
		return NULL;
	if (dir && (st->st_mode & S_ISVTX))
		return NULL; /* others may add entries, not replace root's */
	return st->st_mode & S_IWOTH ? "writable by every user" : "writable by its group";
}

int path_safe(const char *path, char *why, size_t len)
{
	char real[PATH_MAX];
	struct stat st;
	const char *what;

	if (!realpath(path, real) || stat(real, &st) < 0) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((what = unsafe(&st, 0))) {
		snprintf(why, len, "%s: %s", real, what);
		return -1;
	}
	/* Each directory up to /: whoever can write one can swap what lies below it. */
	for (char *slash = strrchr(real, '/'); slash; slash = strrchr(real, '/')) {
		*(slash == real ? slash + 1 : slash) = '\0';
		if (stat(real, &st) < 0) {
			snprintf(why, len, "%s: %s", real, strerror(errno));
			return -1;
		}
		if ((what = unsafe(&st, 1))) {
			snprintf(why, len, "directory %s: %s", real, what);
			return -1;
		}
		if (slash == real)
			break;
	}
	return 0;
}
