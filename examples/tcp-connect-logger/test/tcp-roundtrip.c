// SPDX-License-Identifier: GPL-2.0
/*
 * One outgoing TCP connect the check can count: listen on 127.0.0.1:PORT, connect to it from a
 * second socket (the only connect(2) this program makes), accept, send "ping" through the
 * connection and read it back on the other side. Prints "pid N" first, so the check can match
 * the logger's line; exits 0 only if the whole round trip worked. Given a UID (and started as
 * root), it first becomes that user, group and no supplementary groups, so the logged uid is not
 * root's (busybox has no tool for that). With "v4-mapped", the client is an IPv6 socket connecting
 * to ::ffff:127.0.0.1, which the kernel hands to tcp_v4_connect() as well.
 *
 *   tcp-roundtrip PORT [UID [v4-mapped]]
 */
#define _GNU_SOURCE /* setresuid, setresgid */
#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int die(const char *what)
{
	printf("tcp-roundtrip: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	struct sockaddr_in6 mapped = { .sin6_family = AF_INET6 };
	int listener, client, server, connected, one = 1, v4_mapped = argc == 4 && !strcmp(argv[3], "v4-mapped");
	char buf[8] = "";

	if (argc < 2 || argc > 4 || (argc == 4 && !v4_mapped) || atoi(argv[1]) <= 0 || atoi(argv[1]) > 65535) {
		fprintf(stderr, "usage: tcp-roundtrip PORT [UID [v4-mapped]]\n");
		return 2;
	}
	if (argc >= 3) {
		uid_t uid = atoi(argv[2]);

		if (setgroups(0, NULL) < 0 || setresgid(uid, uid, uid) < 0 || setresuid(uid, uid, uid) < 0)
			return die("becoming the user");
	}
	addr.sin_port = htons(atoi(argv[1]));
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	printf("pid %d\n", getpid());
	fflush(stdout);

	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0)
		return die("socket");
	if (setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		return die("setsockopt");
	if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		return die("bind");
	if (listen(listener, 1) < 0)
		return die("listen");
	mapped.sin6_port = addr.sin_port;
	if (inet_pton(AF_INET6, "::ffff:127.0.0.1", &mapped.sin6_addr) != 1)
		return die("inet_pton");
	client = socket(v4_mapped ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
	if (client < 0)
		return die("socket");
	if (v4_mapped)
		connected = connect(client, (struct sockaddr *)&mapped, sizeof(mapped));
	else
		connected = connect(client, (struct sockaddr *)&addr, sizeof(addr));
	if (connected < 0)
		return die("connect");
	server = accept(listener, NULL, NULL);
	if (server < 0)
		return die("accept");
	if (write(client, "ping", 4) != 4)
		return die("write");
	if (read(server, buf, sizeof(buf) - 1) != 4 || strcmp(buf, "ping") != 0) {
		printf("tcp-roundtrip: read back '%s', not 'ping'\n", buf);
		return 1;
	}
	printf("connected, ping went through\n");
	return 0;
}
