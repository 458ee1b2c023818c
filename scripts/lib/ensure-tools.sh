# Installs what HarmonyRenode needs beyond the .NET SDK, only when it is missing (Debian packages).
ensure_tools() {
    local need=()
    command -v qemu-system-arm >/dev/null 2>&1 || need+=(qemu-system-arm)
    command -v arm-none-eabi-gcc >/dev/null 2>&1 || need+=(gcc-arm-none-eabi)
    command -v make >/dev/null 2>&1 || need+=(make)
    if [ ${#need[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "installing ${need[*]} (Debian packages)" >&2
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >&2
    fi
}

# Headless Chromium for the tests that render the HTML report (and scripts/report-screenshot.sh), when missing.
ensure_chromium() {
    if ! command -v chromium >/dev/null 2>&1; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "installing chromium (Debian package)" >&2
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2
    fi
}
