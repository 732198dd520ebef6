/* Release, livepatch support and taint of the running kernel; see kernel.h. */
#include "manager/kernel.h"
#include "manager/paths.h"
#include "manager/sysfile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int kernel_release(char *buf, size_t size)
{
	const char *forced = getenv("SUTURE_RELEASE");
	struct utsname uts;

	if (forced && *forced)
		return (size_t)snprintf(buf, size, "%s", forced) < size ? 0 : -1;
	if (uname(&uts) < 0)
		return -1;
	return (size_t)snprintf(buf, size, "%s", uts.release) < size ? 0 : -1;
}

int kernel_config_livepatch(const char *release, char *where, size_t where_size)
{
	char *text, *line;
	int verdict = 0;

	if (mgr_path(where, where_size, ROOT_BOOT, "/config-%s", release))
		return -1;
	text = sysfile_read(where);
	if (!text)
		return -1;
	for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, "CONFIG_LIVEPATCH=y\n", strlen("CONFIG_LIVEPATCH=y\n")) == 0) {
			verdict = 1;
			break;
		}
	}
	free(text);
	return verdict;
}

int kernel_taint(unsigned long *mask)
{
	char path[PATH_MAX];
	long value;
	int err;

	if (mgr_path(path, sizeof(path), ROOT_PROC, "/sys/kernel/tainted"))
		return -ENAMETOOLONG;
	err = sysfile_long(path, &value);
	if (err)
		return err;
	*mask = (unsigned long)value;
	return 0;
}

int kernel_boot_id(char *buf, size_t size)
{
	char path[PATH_MAX];

	if (mgr_path(path, sizeof(path), ROOT_PROC, "/sys/kernel/random/boot_id"))
		return -ENAMETOOLONG;
	return sysfile_line(path, buf, size);
}

bool kernel_is_root(void)
{
	return geteuid() == 0;
}
