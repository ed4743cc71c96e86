#!/usr/bin/env bash
# The test command: every xunit test, conformance cases included, in Release.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test AugNet.slnx -c Release --logger "console;verbosity=normal" "$@"
