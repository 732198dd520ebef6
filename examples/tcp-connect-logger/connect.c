// SPDX-License-Identifier: GPL-2.0
/*
 * The replacement of tcp_v4_connect(): the body of the target kernel's own tcp_v4_connect()
 * (net/ipv4/tcp_ipv4.c of Debian's linux 6.1), copied line for line, with one added call to
 * the logger once the address is known to be IPv4.
 *
 * Why a copy and not a call to the original: the original's first instruction is the livepatch
 * hook, which sends every caller - this replacement included - back into the replacement, so
 * "log, then call the original" never gets out (an endless loop, or a stack overflow). A copy
 * runs the same code without passing through the hook. On 6.1.192 everything it calls is
 * exported or inline in the headers, so the module loader resolves it like any module's code.
 *
 * The price of a copy: it must be the running kernel's body, not any 6.1 body. Debian 6.1.192
 * (6.1.0-56) computes the initial sequence number and timestamp offset in one call,
 * secure_tcp_seq_and_ts_off(); 6.1.187 (6.1.0-53) made two, and one of them,
 * secure_tcp_ts_off(), is not exported there: the copy calls it through the address kallsyms
 * gives at init (calling *other* functions by address is fine; only the patched one recurses).
 * Other releases are refused at build time until someone compares their tcp_v4_connect().
 */
#include <linux/kprobes.h>
#include <linux/random.h>
#include <linux/version.h>
#include <net/inet_hashtables.h>
#include <net/route.h>
#include <net/secure_seq.h>
#include <net/tcp.h>
#include "logger.h"

#if LINUX_VERSION_CODE != KERNEL_VERSION(6, 1, 192) && LINUX_VERSION_CODE != KERNEL_VERSION(6, 1, 187)
#error "connect.c carries tcp_v4_connect() of Linux 6.1.187 and 6.1.192 only: compare this kernel's net/ipv4/tcp_ipv4.c"
#endif

#if LINUX_VERSION_CODE == KERNEL_VERSION(6, 1, 187)
static u32 (*secure_tcp_ts_off_by_address)(const struct net *net, __be32 saddr, __be32 daddr);

/*
 * kallsyms_lookup_name() is not exported in 6.1 either, but a kprobe registered on it by name
 * tells its address; the kprobe is removed at once.
 */
static unsigned long lookup_symbol(const char *name)
{
	struct kprobe probe = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*kallsyms_lookup_name_by_address)(const char *name);

	if (register_kprobe(&probe) < 0)
		return 0;
	kallsyms_lookup_name_by_address = (void *)probe.addr;
	unregister_kprobe(&probe);
	return kallsyms_lookup_name_by_address(name);
}

int logged_tcp_v4_connect_resolve(void)
{
	secure_tcp_ts_off_by_address = (void *)lookup_symbol("secure_tcp_ts_off");
	if (!secure_tcp_ts_off_by_address) {
		pr_err("tcp_connect_logger: secure_tcp_ts_off not found in kallsyms\n");
		return -ENOENT;
	}
	return 0;
}
#else
int logged_tcp_v4_connect_resolve(void)
{
	return 0; /* everything the 6.1.192 body calls is exported */
}
#endif

int logged_tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *usin = (struct sockaddr_in *)uaddr;
	struct inet_timewait_death_row *tcp_death_row;
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct ip_options_rcu *inet_opt;
	struct net *net = sock_net(sk);
	__be16 orig_sport, orig_dport;
	__be32 daddr, nexthop;
	struct flowi4 *fl4;
	struct rtable *rt;
	int err;

	if (addr_len < sizeof(struct sockaddr_in))
		return -EINVAL;

	if (usin->sin_family != AF_INET)
		return -EAFNOSUPPORT;

	/* The one addition: after the checks above, this is an IPv4 connect attempt. */
	tcp_connect_logger_log(usin);

	nexthop = daddr = usin->sin_addr.s_addr;
	inet_opt = rcu_dereference_protected(inet->inet_opt,
					     lockdep_sock_is_held(sk));
	if (inet_opt && inet_opt->opt.srr) {
		if (!daddr)
			return -EINVAL;
		nexthop = inet_opt->opt.faddr;
	}

	orig_sport = inet->inet_sport;
	orig_dport = usin->sin_port;
	fl4 = &inet->cork.fl.u.ip4;
	rt = ip_route_connect(fl4, nexthop, inet->inet_saddr,
			      sk->sk_bound_dev_if, IPPROTO_TCP, orig_sport,
			      orig_dport, sk);
	if (IS_ERR(rt)) {
		err = PTR_ERR(rt);
		if (err == -ENETUNREACH)
			IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		return err;
	}

	if (rt->rt_flags & (RTCF_MULTICAST | RTCF_BROADCAST)) {
		ip_rt_put(rt);
		return -ENETUNREACH;
	}

	if (!inet_opt || !inet_opt->opt.srr)
		daddr = fl4->daddr;

	tcp_death_row = &sock_net(sk)->ipv4.tcp_death_row;

	if (!inet->inet_saddr) {
		err = inet_bhash2_update_saddr(sk,  &fl4->saddr, AF_INET);
		if (err) {
			ip_rt_put(rt);
			return err;
		}
	} else {
		sk_rcv_saddr_set(sk, inet->inet_saddr);
	}

	if (tp->rx_opt.ts_recent_stamp && inet->inet_daddr != daddr) {
		/* Reset inherited state */
		tp->rx_opt.ts_recent	   = 0;
		tp->rx_opt.ts_recent_stamp = 0;
		if (likely(!tp->repair))
			WRITE_ONCE(tp->write_seq, 0);
	}

	inet->inet_dport = usin->sin_port;
	sk_daddr_set(sk, daddr);

	inet_csk(sk)->icsk_ext_hdr_len = 0;
	if (inet_opt)
		inet_csk(sk)->icsk_ext_hdr_len = inet_opt->opt.optlen;

	tp->rx_opt.mss_clamp = TCP_MSS_DEFAULT;

	/* Socket identity is still unknown (sport may be zero).
	 * However we set state to SYN-SENT and not releasing socket
	 * lock select source port, enter ourselves into the hash tables and
	 * complete initialization after this.
	 */
	tcp_set_state(sk, TCP_SYN_SENT);
	err = inet_hash_connect(tcp_death_row, sk);
	if (err)
		goto failure;

	sk_set_txhash(sk);

	rt = ip_route_newports(fl4, rt, orig_sport, orig_dport,
			       inet->inet_sport, inet->inet_dport, sk);
	if (IS_ERR(rt)) {
		err = PTR_ERR(rt);
		rt = NULL;
		goto failure;
	}
	/* OK, now commit destination to socket.  */
	sk->sk_gso_type = SKB_GSO_TCPV4;
	sk_setup_caps(sk, &rt->dst);
	rt = NULL;

#if LINUX_VERSION_CODE == KERNEL_VERSION(6, 1, 192)
	if (likely(!tp->repair)) {
		union tcp_seq_and_ts_off st;

		st = secure_tcp_seq_and_ts_off(net,
					       inet->inet_saddr,
					       inet->inet_daddr,
					       inet->inet_sport,
					       usin->sin_port);
		if (!tp->write_seq)
			WRITE_ONCE(tp->write_seq, st.seq);
		WRITE_ONCE(tp->tsoffset, st.ts_off);
	}
#else /* 6.1.187 */
	if (likely(!tp->repair)) {
		if (!tp->write_seq)
			WRITE_ONCE(tp->write_seq,
				   secure_tcp_seq(inet->inet_saddr,
						  inet->inet_daddr,
						  inet->inet_sport,
						  usin->sin_port));
		WRITE_ONCE(tp->tsoffset,
			   secure_tcp_ts_off_by_address(net, inet->inet_saddr,
							inet->inet_daddr));
	}
#endif

	atomic_set(&inet->inet_id, get_random_u16());

	if (tcp_fastopen_defer_connect(sk, &err))
		return err;
	if (err)
		goto failure;

	err = tcp_connect(sk);

	if (err)
		goto failure;

	return 0;

failure:
	/*
	 * This unhashes the socket and releases the local port,
	 * if necessary.
	 */
	tcp_set_state(sk, TCP_CLOSE);
	inet_bhash2_reset_saddr(sk);
	ip_rt_put(rt);
	sk->sk_route_caps = 0;
	inet->inet_dport = 0;
	return err;
}
