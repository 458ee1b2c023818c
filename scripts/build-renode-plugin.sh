#!/usr/bin/env bash
# Builds the model (netstandard2.0) into artifacts/renode/, where scripts/harmony-renode.resc loads it from.
# Renode compiles the thin adapter (plugin/HarmonyRenode.Renode/*.cs) itself when the script includes it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build plugin/HarmonyRenode.Core/HarmonyRenode.Core.csproj -c Release --nologo -v quiet -o artifacts/renode
echo "built artifacts/renode/HarmonyRenode.Core.dll; in Renode: include @$(pwd)/scripts/harmony-renode.resc"
