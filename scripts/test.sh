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

# One closing line in the plain "N passed, N failed" form, summed over the test assemblies.
awk '/(Passed|Failed)!  - Failed:/ {
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
