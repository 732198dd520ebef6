/* Records of where loaded livepatches came from; see origin.h. */
#include "manager/origin.h"
#include "manager/paths.h"
#include "manager/statedir.h"
#include "manager/sysfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int origin_record(const char *name, const char *ko_path)
{
	char path[PATH_MAX], *abs = realpath(ko_path, NULL);
	int fd, err = statedir_make("/loaded");
	size_t len;

	if (!abs)
		return -errno;
	if (err)
		goto out;
	if (mgr_path(path, sizeof(path), ROOT_STATE, "/loaded/%s", name)) {
		err = -ENAMETOOLONG;
		goto out;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	len = strlen(abs);
	if (write(fd, abs, len) != (ssize_t)len)
		err = -EIO;
	if (close(fd) < 0 && !err)
		err = -errno;
out:
	free(abs);
	return err;
}

void origin_forget(const char *name)
{
	char path[PATH_MAX];

	if (mgr_path(path, sizeof(path), ROOT_STATE, "/loaded/%s", name) == 0)
		unlink(path);
}

int origin_lookup(const char *name, char *path, size_t size)
{
	char record[PATH_MAX];

	if (mgr_path(record, sizeof(record), ROOT_STATE, "/loaded/%s", name) ||
	    sysfile_line(record, path, size) || access(path, R_OK) != 0)
		return -ENOENT;
	return 0;
}
