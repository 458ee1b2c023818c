#!/usr/bin/env bash
# Makes docs/report.png, the README's picture of the HTML report: the in-memory model-demo writes its report, and
# headless Chromium (offline, fresh profile) takes the screenshot. Installs Chromium from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh
ensure_chromium
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/harmony-renode model-demo --report "$work/report.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
    --window-size=1100,2000 --screenshot="$work/report.png" "file://$work/report.html" 2>/dev/null
mkdir -p docs
cp "$work/report.png" docs/report.png
echo "docs/report.png written"
