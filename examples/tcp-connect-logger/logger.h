/* SPDX-License-Identifier: GPL-2.0 */
/* What the copied tcp_v4_connect() body (connect.c) and the module (logger.c) share. */
#ifndef TCP_CONNECT_LOGGER_H
#define TCP_CONNECT_LOGGER_H

#include <linux/in.h>
#include <net/sock.h>

/* The replacement of tcp_v4_connect(): the target kernel's body plus one call to the logger. */
int logged_tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);

/* Finds what the copy calls that the kernel does not export (at init, before patching). */
int logged_tcp_v4_connect_resolve(void);

/* Logs one outgoing connect when logging is switched on; never changes what the connect does. */
void tcp_connect_logger_log(const struct sockaddr_in *dest);

#endif
