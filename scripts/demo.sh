#!/usr/bin/env bash
# The demo of the README: builds the firmware and runs demo.elf on QEMU against the model, printing the model's
# vmm, pmm and free at the end. Installs QEMU and the ARM toolchain from Debian when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh
ensure_tools
make -s -C firmware
exec scripts/harmony-renode run firmware/build/demo.elf --diagnostics "$@"
