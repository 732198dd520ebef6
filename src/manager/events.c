/* The state directory's event log; see events.h. Line format: <boot_id> <unix time> <patch>
 * <what> <why...>. */
#include "manager/events.h"
#include "manager/kernel.h"
#include "manager/paths.h"
#include "manager/statedir.h"
#include "manager/sysfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int events_record(const char *patch, const char *what, const char *why)
{
	char path[PATH_MAX], boot[64], line[1024];
	int fd, len, err = 0;

	if (kernel_boot_id(boot, sizeof(boot)))
		snprintf(boot, sizeof(boot), "unknown");
	err = statedir_make("");
	if (err)
		return err;
	if (mgr_path(path, sizeof(path), ROOT_STATE, "/events"))
		return -ENAMETOOLONG;
	len = snprintf(line, sizeof(line), "%s %lld %s %s %s\n", boot, (long long)time(NULL), patch,
		       what, why);
	if (len < 0 || (size_t)len >= sizeof(line))
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, line, len) != len)
		err = -EIO;
	if (close(fd) < 0 && !err)
		err = -errno;
	return err;
}

int events_this_boot(struct event **events, size_t *n)
{
	char path[PATH_MAX], boot[64];
	struct event *list = NULL;
	size_t count = 0;
	char *text, *line, *next;

	*events = NULL;
	*n = 0;
	if (kernel_boot_id(boot, sizeof(boot)))
		snprintf(boot, sizeof(boot), "unknown");
	if (mgr_path(path, sizeof(path), ROOT_STATE, "/events"))
		return -ENAMETOOLONG;
	text = sysfile_read(path);
	if (!text)
		return errno == ENOENT ? 0 : -errno;
	for (line = text; *line; line = next) {
		char id[64];
		long long when;
		int used = 0;
		struct event ev, *bigger;

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		memset(&ev, 0, sizeof(ev));
		if (sscanf(line, "%63s %lld %127s %31s %n", id, &when, ev.patch, ev.what, &used) < 4 ||
		    strcmp(id, boot) != 0)
			continue;
		ev.when = when;
		snprintf(ev.why, sizeof(ev.why), "%s", used ? line + used : "");
		bigger = realloc(list, (count + 1) * sizeof(*list));
		if (!bigger) {
			free(list);
			free(text);
			return -ENOMEM;
		}
		list = bigger;
		list[count++] = ev;
	}
	free(text);
	*events = list;
	*n = count;
	return 0;
}
