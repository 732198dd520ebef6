/* Guest helper of the header-inline-inotify-mask case: watches /tmp for close-write and prints the
 * watch's fdinfo line, where the kernel reports the mark's mask (inotify_mark_user_mask()). */
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>

int main(void)
{
	char path[64], line[512];
	int fd = inotify_init1(0);
	FILE *f;

	if (fd < 0 || inotify_add_watch(fd, "/tmp", IN_CLOSE_WRITE) < 0) {
		perror("inotify");
		return 1;
	}
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "inotify wd:", 11))
			fputs(line, stdout);
	fclose(f);
	return 0;
}
