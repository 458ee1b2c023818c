#!/usr/bin/env bash
# Builds the model (netstandard2.0) into artifacts/renode/, where scripts/harmony-renode.resc loads it from.
# With Renode's assemblies (`--renode DIR` or RENODE_DIR=DIR: the folder of a Renode install or build output that holds
# Infrastructure.dll and Renode.dll), also builds the adapter (plugin/HarmonyRenode.Renode) into
# artifacts/renode/HarmonyRenode.Renode.dll, which the .resc then loads instead of having Renode compile the adapter's
# sources at every start. Without them, Renode compiles the adapter itself when the script includes it.
set -euo pipefail
renode_dir="${RENODE_DIR:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --renode) renode_dir="${2:?--renode needs a folder}"; shift 2 ;;
        --renode=*) renode_dir="${1#--renode=}"; shift ;;
        *) echo "usage: $0 [--renode DIR]" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
dotnet build plugin/HarmonyRenode.Core/HarmonyRenode.Core.csproj -c Release --nologo -v quiet -o artifacts/renode
echo "built artifacts/renode/HarmonyRenode.Core.dll"
if [ -n "$renode_dir" ]; then
    renode_dir="$(cd "$renode_dir" && pwd)"
    if [ ! -f "$renode_dir/Infrastructure.dll" ] || [ ! -f "$renode_dir/Renode.dll" ]; then
        echo "$0: no Infrastructure.dll and Renode.dll in $renode_dir" >&2
        exit 2
    fi
    # The adapter targets the framework Renode runs on (its runtimeconfig names it; Renode 1.16 releases: net8.0).
    tfm="$(sed -n 's/.*"tfm": *"\([^"]*\)".*/\1/p' "$renode_dir/Renode.runtimeconfig.json" 2>/dev/null | head -n 1)"
    dotnet build plugin/HarmonyRenode.Renode/HarmonyRenode.Renode.csproj -c Release --nologo -v quiet -o artifacts/renode \
        -p:RenodeDir="$renode_dir" ${tfm:+-p:RenodeTargetFramework="$tfm"}
    echo "built artifacts/renode/HarmonyRenode.Renode.dll (the adapter, for the Renode in $renode_dir)"
else
    rm -f artifacts/renode/HarmonyRenode.Renode.dll
    echo "no --renode DIR / RENODE_DIR: Renode compiles the adapter's sources at include"
fi
echo "in Renode: include @$(pwd)/scripts/harmony-renode.resc"
