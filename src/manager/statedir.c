/* Creating the state directory with its permissions; see statedir.h. */
#include "manager/statedir.h"
#include "manager/paths.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

static int make_one(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return -errno;
}

int statedir_make(const char *sub)
{
	char path[PATH_MAX];
	size_t root_len;
	int err;

	if (mgr_path(path, sizeof(path), ROOT_STATE, "%s", ""))
		return -ENAMETOOLONG;
	root_len = strlen(path);
	/* The root's missing parents (a bare system without /var/lib) are ordinary 0755 ones. */
	for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		err = mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -errno;
		*slash = '/';
		if (err)
			return err;
	}
	err = make_one(path);
	if (err)
		return err;
	if (mgr_path(path, sizeof(path), ROOT_STATE, "%s", sub))
		return -ENAMETOOLONG;
	if (strlen(path) <= root_len)
		return 0;
	for (char *slash = strchr(path + root_len + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		err = make_one(path);
		*slash = '/';
		if (err)
			return err;
	}
	return make_one(path);
}
