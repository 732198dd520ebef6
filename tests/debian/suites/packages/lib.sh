# Helpers of the package checks (sourced): fail with a reason, and what /proc/cmdline reads.
LP=/sys/kernel/livepatch
fail() {
	echo "check failed: $*"
	exit 1
}
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}
pkg=$(cat package-name)
export DEBIAN_FRONTEND=noninteractive
series=$(cat series-name)
