/* The manager's lock; see lock.h. flock: the kernel drops it when the holder exits, however it
 * exits, so a crashed suture never leaves a stale lock. */
#include "manager/lock.h"
#include "manager/paths.h"
#include "manager/statedir.h"
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* "pid: suture load x.ko", written by the holder. */
static void describe_holder(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (!*buf)
		snprintf(buf, len, "a process that did not say");
}

bool mgr_lock(const char *cmd, int argc, char **argv)
{
	char path[PATH_MAX], holder[512];
	int fd, err, len;

	if (geteuid() != 0)
		return true;
	if ((err = statedir_make("")) < 0 || mgr_path(path, sizeof(path), ROOT_STATE, "/lock") < 0 ||
	    (fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		log_error("%s: cannot open the lock in the state directory: %s", cmd, strerror(err < 0 ? -err : errno));
		return false;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		err = errno;
		describe_holder(fd, holder, sizeof(holder));
		close(fd);
		if (err == EWOULDBLOCK)
			log_error("%s: another suture is changing livepatches (pid %s); try again when it has "
				  "finished", cmd, holder);
		else
			log_error("%s: cannot take the lock %s: %s", cmd, path, strerror(err));
		return false;
	}
	len = snprintf(holder, sizeof(holder), "%d: suture", (int)getpid());
	for (int i = 0; i < argc && len > 0 && (size_t)len < sizeof(holder); i++)
		len += snprintf(holder + len, sizeof(holder) - (size_t)len, " %s", argv[i]);
	if (ftruncate(fd, 0) < 0 || pwrite(fd, holder, strlen(holder), 0) < 0)
		log_warn("%s: cannot record this command in the lock: %s", cmd, strerror(errno));
	/* fd stays open: the lock lives as long as the process. */
	return true;
}
