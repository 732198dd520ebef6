# Shared by the ptrace-fix checks (sourced after /suture/lib.sh; prepare puts it beside them).
# expect_probes WHEN VERDICT: PTRACE_ATTACH and PTRACE_TRACEME between two uid-1000 processes
# with the same groups are allowed, and so they are when the tracer keeps CAP_SYS_PTRACE; when
# the tracee holds a group the tracer lacks, the result is VERDICT (allowed, or EPERM when fixed).
expect_probes() {
	for op in attach traceme; do
		expect_eq "$op, same groups, $1" allowed "$(./ptrace-probe $op same)"
		expect_eq "$op, tracee has an extra group, $1" "$2" "$(./ptrace-probe $op extra-group)"
		expect_eq "$op, tracer has CAP_SYS_PTRACE, $1" allowed "$(./ptrace-probe $op root-tracer)"
	done
}
