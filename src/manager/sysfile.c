/* Whole-file reads and writes of attributes; see sysfile.h. */
#include "manager/sysfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { SYSFILE_MAX = 1 << 20 };

char *sysfile_read(const char *path)
{
	size_t used = 0, cap = 4096;
	char *buf = malloc(cap);
	int fd, saved;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	for (;;) {
		ssize_t got;

		if (cap - used < 2) {
			char *bigger;

			if (cap >= SYSFILE_MAX) {
				errno = EFBIG;
				goto fail_fd;
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger)
				goto fail_fd;
			buf = bigger;
			cap *= 2;
		}
		got = read(fd, buf + used, cap - used - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			goto fail_fd;
		if (got == 0)
			break;
		used += got;
	}
	close(fd);
	buf[used] = '\0';
	return buf;

fail_fd:
	saved = errno;
	close(fd);
	errno = saved;
fail:
	saved = errno;
	free(buf);
	errno = saved;
	return NULL;
}

int sysfile_line(const char *path, char *buf, size_t size)
{
	char *text = sysfile_read(path);
	size_t len;

	if (!text)
		return -errno;
	len = strcspn(text, "\n");
	if (len >= size) {
		free(text);
		return -ENAMETOOLONG;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	free(text);
	return 0;
}

int sysfile_long(const char *path, long *value)
{
	char line[64], *end;
	int err = sysfile_line(path, line, sizeof(line));

	if (err)
		return err;
	errno = 0;
	*value = strtol(line, &end, 10);
	if (errno || end == line || *end)
		return -EINVAL;
	return 0;
}

int sysfile_write(const char *path, const char *value)
{
	size_t len = strlen(value);
	ssize_t put;
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	put = write(fd, value, len);
	if (put < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	if (close(fd) < 0)
		return -errno;
	return (size_t)put == len ? 0 : -EIO;
}
