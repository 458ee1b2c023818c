#!/usr/bin/env bash
# Runs every test of HarmonyRenode: core unit tests, the QEMU end-to-end tests (real ARM firmware on a real
# ARMv7-A MMU) and the checks on the Renode files. Installs the ARM toolchain and QEMU from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh
ensure_tools
ensure_chromium

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test HarmonyRenode.sln -c Release --nologo 2>&1 | tee "$log" || status=$?

# One closing line in the plain "N passed, N failed" form, summed over the test assemblies; a crashed or aborted test
# host counts as a failure (scripts/lib/test-summary.sh).
summary=0
scripts/lib/test-summary.sh "$log" || summary=$?
[ "$status" -eq 0 ] && status=$summary
exit $status
