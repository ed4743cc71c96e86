#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building and testing AugNet, then restores NuGet packages.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1
fi
dotnet restore AugNet.slnx
