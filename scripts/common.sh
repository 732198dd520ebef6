# Shared by suture's shell tools: where things live, how to talk.
# Sourced, never run. Callers set SUTURE_ROOT before sourcing (or get it from here).

: "${SUTURE_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
SUTURE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/suture"

die() { printf 'suture: %s\n' "$*" >&2; exit 1; }
say() { printf '==> %s\n' "$*" >&2; }

# Run as root, or through sudo when we are not (apt-get needs it).
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Seconds since the epoch with a fraction, for the timings we print.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Where the materials of a target kernel live once install-deps has fetched them.
kernel_cache() { echo "$SUTURE_CACHE/kernel/$1"; }          # image/ (vmlinuz, modules), version, kallsyms.gz
source_cache() { echo "$SUTURE_CACHE/source/$1"; }          # linux-source-6.1.tar.xz, samples extracted
headers_dir() { echo "/usr/src/linux-headers-$1"; }
kernel_version() {                                          # Debian version of a fetched release
	cat "$(kernel_cache "$1")/version" 2>/dev/null ||
		die "kernel $1 is not set up; run scripts/install-deps (SUTURE_KERNEL=$1)"
}
source_parts() {                                            # samples/livepatch, lib/livepatch, selftests
	echo "$(source_cache "$(kernel_version "$1")")/parts"
}
