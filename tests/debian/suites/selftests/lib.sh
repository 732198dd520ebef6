# Helpers of the selftest checks (sourced, cwd = the suite): fail with a reason; the test
# modules installed where modprobe finds them; a kernel with no livepatch loaded yet; the
# selftests' own expectations, for the checks that drive the same steps through suture.
. ./vm-lib.sh # the VM checks' helpers: fail, expect_eq, LP
SELFTESTS=$PWD/livepatch
MODDIR=/lib/modules/$(uname -r)/extra/test_klp

# The copies are the kernel's files, unmodified: running those is the point.
(cd "$SELFTESTS" && sha256sum --quiet -c ../livepatch.sha256) || fail "the selftests differ from linux-source's"

# modprobe (as the selftests load them) finds modules under extra/ once depmod has listed them;
# the root disk is this run's overlay, so installing there is harmless.
if ! diff -rq modules "$MODDIR" >/dev/null 2>&1; then
	mkdir -p "$MODDIR"
	cp modules/*.ko "$MODDIR/"
	depmod -a || fail "depmod"
fi

# A check that failed half-way may have left test modules loaded: the next starts without them,
# so that one failure does not fail every check after it.
for patch in "$LP"/test_klp_*; do
	[ -e "$patch" ] || continue
	echo "removing $(basename "$patch"), left by an earlier check"
	echo 0 >"$patch/enabled"
	for _ in $(seq 300); do [ -e "$patch" ] || break; sleep 0.1; done
done
for mod in $(awk '$1 ~ /^test_klp_/ { print $1 }' /proc/modules); do
	rmmod "$mod" || fail "cannot remove $mod, left by an earlier check"
done

# The selftests own the kernel's livepatch state while they run: test-ftrace sets
# ftrace_enabled=0, which the kernel refuses while any livepatch is enabled, and the atomic
# replace tests would replace another suite's patches. Hence boot 3, where nothing is loaded
# (the packages suite has removed its patches).
for patch in "$LP"/*; do
	[ ! -e "$patch" ] || fail "a livepatch is loaded already: ${patch##*/}"
done

# The selftests' own helpers (start_test, check_result, load_mod...), for the suture checks.
use_selftest_functions() {
	local out
	. "$SELFTESTS/functions.sh"
	command -v suture >/dev/null || out=$(dpkg -i ./suture.deb 2>&1) || fail "dpkg -i suture.deb: $out"
}

# What test $2 of selftest script $1 expects the kernel to log (its check_result text, module
# names filled in), less the lines the script logs for the steps suture takes instead — its
# modprobe, "echo 0 > enabled" and rmmod of a livepatch, modprobe's error for a refused one:
# exactly what the same steps must make the kernel log when suture loads and unloads.
selftest_expects() {
	local script=$SELFTESTS/$1 block livepatches
	block=$(awk -v start="start_test \"$2\"" '$0 == start { on = 1 }
		on && /^check_result "/ { grab = 1 } grab { print } grab && /"$/ { exit }' "$script")
	[ -n "$block" ] || fail "no test '$2' with a check_result in $1"
	livepatches=$(for ko in modules/*.ko; do
		[ "$(modinfo -F livepatch "$ko")" != Y ] || basename "$ko" .ko
	done | paste -sd '|')
	(
		eval "$(grep -E '^MOD_[A-Z0-9_]+=[a-z0-9_]+$' "$script")"
		eval "printf '%s\n' ${block#check_result }"
	) | grep -Ev -e "^% (modprobe|rmmod) ($livepatches)( |\$)" -e '^% echo 0 > /sys/kernel/livepatch/' -e '^modprobe: '
}

# Runs the kernel's selftest script $1 from its directory, as kselftest does, and exits with its
# status (0 pass; its skip, 4, fails the check: the guest is meant to have what it needs).
run_selftest() {
	local rc
	cd "$SELFTESTS" || fail "no selftests"
	bash "./$1"
	rc=$?
	echo "$1: exit $rc after ${SECONDS}s"
	exit $rc
}
