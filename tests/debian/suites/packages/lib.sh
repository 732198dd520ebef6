# Sourced by the package checks: the VM checks' helpers (fail, expect_eq, LP) and the names of
# the packages prepare made.
. ./vm-lib.sh
pkg=$(cat package-name)
series=$(cat series-name)
export DEBIAN_FRONTEND=noninteractive
