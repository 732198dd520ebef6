/* Reading the kernel log's newest records; see kmsg.h. */
#include "manager/kmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int kmsg_open_tail(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0 && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Whether a record's text comes from livepatch or from the module itself ("lp_x: ..."). */
static int relevant(const char *text, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(text, "livepatch: ", 11) || (!strncmp(text, name, n) && text[n] == ':');
}

/* Whether a record says what went wrong (livepatch also logs the steps of undoing a failed load).
 * The module's own name is blanked first: it may contain any word. */
static int says_why(const char *text, const char *name)
{
	static const char *const words[] = { "fail", "not ", "error", "invalid", "unable", "cannot", "Unknown",
					     "missing", NULL };
	char plain[2048];
	size_t n = strlen(name);

	snprintf(plain, sizeof(plain), "%s", text);
	for (char *at = n ? strstr(plain, name) : NULL; at; at = strstr(at + n, name))
		memset(at, ' ', n);
	for (const char *const *w = words; *w; w++)
		if (strstr(plain, *w))
			return 1;
	return 0;
}

int kmsg_reason(int fd, const char *name, char *why, size_t len)
{
	char record[2048];
	int found = 0; /* 1: a relevant record, 2: one that says why (the first such is kept) */

	if (fd < 0)
		return 0;
	for (;;) {
		/* One record per read: "prio,seq,usec,flags;text\n" and continuation lines. */
		ssize_t n = read(fd, record, sizeof(record) - 1);
		char *text;

		if (n < 0 && errno == EPIPE)
			continue; /* records were overwritten while we read: go on with the next */
		if (n <= 0)
			break;
		record[n] = '\0';
		if (!(text = strchr(record, ';')))
			continue;
		text++;
		text[strcspn(text, "\n")] = '\0';
		if (found < 2 && relevant(text, name)) {
			snprintf(why, len, "%s", text);
			found = says_why(text, name) ? 2 : 1;
		}
	}
	close(fd);
	return found != 0;
}
