# Shared by the bench scripts (bench/load-time, bench/call-overhead, bench/run): where results
# go, how a measure's VM suite is run, how samples are summarised, and what the machine was.
# Sourced, never run. JSON and tables are written with awk: the bench needs no more tools than
# the build does, plus gnuplot for the charts.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

BENCH_DIR=$SUTURE_ROOT/bench
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH_DIR/results}

# bench_need_gnuplot: install gnuplot-nox from Debian when it is missing. Only the bench draws
# charts, so it is not among scripts/install-deps' packages (make check stays lean).
bench_need_gnuplot() {
	command -v gnuplot >/dev/null && return
	say "apt-get install gnuplot-nox (the bench's charts)"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		gnuplot-nox >/dev/null || die "bench: cannot install gnuplot-nox"
}

# bench_vm SUITE OUT [vm-run args...]: run one bench suite in the VM; its guest files land in
# OUT/guest/SUITE/. Fails, showing vm-run's report, if any check failed.
bench_vm() {
	local suite=$1 out=$2
	shift 2
	"$SUTURE_ROOT/tests/vm/vm-run" --suite "$BENCH_DIR/suites/$suite" --out "$out" "$@" >"$out.report" 2>&1 ||
		{ cat "$out.report" >&2; die "bench: the $suite suite failed in the VM (console: $out/console.txt)"; }
}

# bench_summary: reads "KEY VALUE" lines, prints per key (in first-seen order)
# "KEY n median min max q1 q3", quartiles by nearest rank.
bench_summary() {
	awk '
	!($1 in n) { order[++keys] = $1 }
	{ v[$1, ++n[$1]] = $2 + 0 }
	function rank(k, p,   r) { r = int(p * n[k] + 0.999999); return s[r < 1 ? 1 : r] }
	END {
		for (i = 1; i <= keys; i++) {
			k = order[i]
			for (j = 1; j <= n[k]; j++) s[j] = v[k, j]
			# insertion sort: a few dozen samples per key
			for (j = 2; j <= n[k]; j++) {
				x = s[j]
				for (m = j - 1; m >= 1 && s[m] > x; m--) s[m + 1] = s[m]
				s[m + 1] = x
			}
			med = n[k] % 2 ? s[(n[k] + 1) / 2] : (s[n[k] / 2] + s[n[k] / 2 + 1]) / 2
			printf "%s %d %.6g %.6g %.6g %.6g %.6g\n", k, n[k], med, s[1], s[n[k]], rank(k, 0.25), rank(k, 0.75)
		}
	}'
}

# bench_machine_json: a JSON object saying what the numbers were taken on.
bench_machine_json() {
	local cpu qemu release rev
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	qemu=$(qemu-system-x86_64 --version | head -n 1)
	release=$("$SUTURE_ROOT/scripts/kernel-release")
	rev=$(git -C "$SUTURE_ROOT" describe --always --dirty --match none 2>/dev/null || echo unknown)
	printf '{"date": "%s", "host_cpu": "%s", "host_cpus": %d, "vm": "%s, TCG, 2 vCPU, 512 MB", ' \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$cpu" "$(nproc)" "$qemu"
	printf '"kernel": "%s (Debian %s)", "suture": "%s"}' "$release" "$(kernel_version "$release")" "$rev"
}

# bench_machine_line: the same, one line for the markdown tables.
bench_machine_line() {
	local release
	release=$("$SUTURE_ROOT/scripts/kernel-release")
	printf '%s UTC; QEMU TCG (software emulation), 2 vCPU, 512 MB, on %s (%d host CPUs); kernel %s (Debian %s); suture %s\n' \
		"$(date -u '+%Y-%m-%d %H:%M')" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
		"$(nproc)" "$release" "$(kernel_version "$release")" \
		"$(git -C "$SUTURE_ROOT" describe --always --dirty --match none 2>/dev/null || echo unknown)"
}

# JSON writers, for the results' .json files. Each prints the members of one object or array
# (no brackets), indented by four spaces, so a script composes its file around them.

# bench_summary_json: bench_summary's lines on stdin -> "KEY": {"n": .., "median": .., ...} members.
bench_summary_json() {
	awk '{ printf "%s    \"%s\": {\"n\": %d, \"median\": %s, \"min\": %s, \"max\": %s, \"q1\": %s, \"q3\": %s}",
		(NR > 1 ? ",\n" : ""), $1, $2, $3, $4, $5, $6, $7 } END { print "" }'
}

# bench_pairs_json: "KEY VALUE" lines on stdin (VALUE a number) -> "KEY": VALUE members.
bench_pairs_json() {
	awk '{ printf "%s    \"%s\": %s", (NR > 1 ? ",\n" : ""), $1, $2 } END { print "" }'
}

# bench_csv_json: a CSV with a header line on stdin (no quoted commas) -> one object per row,
# numbers bare, anything else as a string.
bench_csv_json() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
	{
		printf "%s    {", (NR > 2 ? ",\n" : "")
		for (i = 1; i <= NF; i++) {
			value = $i ~ /^-?[0-9]+(\.[0-9]+)?$/ ? $i : "\"" $i "\""
			printf "%s\"%s\": %s", (i > 1 ? ", " : ""), name[i], value
		}
		printf "}"
	}
	END { print "" }'
}
