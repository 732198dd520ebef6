// SPDX-License-Identifier: GPL-2.0
/*
 * Reads /proc/cmdline N times through one open file (pread at offset 0 makes the kernel run
 * the file's show function again each time), then closes it. For each read it prints the count
 * the shadow-counter patch adds ("reads through this open file: K"), or "-" when the read has
 * none, all on one line: "1 2 3" patched, "- - -" unpatched.
 *
 *   reread N
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COUNT_LINE "reads through this open file: "

int main(int argc, char **argv)
{
	int fd, i, reads = argc == 2 ? atoi(argv[1]) : 0;
	char buf[8192];

	if (reads <= 0) {
		fprintf(stderr, "usage: reread N\n");
		return 2;
	}
	fd = open("/proc/cmdline", O_RDONLY);
	if (fd < 0) {
		printf("reread: /proc/cmdline: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < reads; i++) {
		ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
		const char *count;

		if (n < 0) {
			printf("reread: read: %s\n", strerror(errno));
			return 1;
		}
		buf[n] = '\0';
		count = strstr(buf, COUNT_LINE);
		if (i)
			putchar(' ');
		if (count)
			printf("%lu", strtoul(count + strlen(COUNT_LINE), NULL, 10));
		else
			putchar('-');
	}
	putchar('\n');
	if (close(fd) < 0) {
		printf("reread: close: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
