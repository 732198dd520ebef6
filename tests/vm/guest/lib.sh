# Helpers for guest checks: `. /suture/lib.sh` at the top of a *.check.
# A check exits 0 to pass, 77 to skip, anything else to fail; fail() says why first.

LP=/sys/kernel/livepatch

fail() {
	echo "check failed: $*"
	exit 1
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

# lp_wait_transition PATCH [SECONDS]: wait until PATCH's transition is over (transition reads 0).
lp_wait_transition() {
	local i=0 limit=$((${2:-30} * 10))
	while [ "$(cat "$LP/$1/transition" 2>/dev/null)" = 1 ]; do
		i=$((i + 1))
		[ $i -le $limit ] || fail "$1: transition still running after ${2:-30}s"
		sleep 0.1
	done
}

# lp_disable_and_remove PATCH MODULE: the manual unload sequence (disable, wait, rmmod).
lp_disable_and_remove() {
	echo 0 >"$LP/$1/enabled" || fail "$1: cannot disable"
	lp_wait_transition "$1"
	local i=0
	while [ -d "$LP/$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	rmmod "$2" || fail "$2: rmmod failed"
}
