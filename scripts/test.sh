#!/usr/bin/env bash
# The test command: every xunit test, the Keras conformance cases included, in Release. Extra arguments go to
# `dotnet test` (e.g. --filter Category=Conformance). Prints one "N passed, N failed" line, then, for the full suite
# (no extra arguments), runs the one-minute fuzz (bench/run fuzz --seconds 60) and prints its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test AugNet.slnx -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
passed=$(awk '$1 == "Passed:" && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$log")
failed=$(awk '$1 == "Failed:" && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$log")
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
# The short, seeded mutation fuzz of the loaders with the decoders in child processes (issue 10; about a minute):
# prints counts per format and outcome class, fails on any outcome but success or a documented error naming the file.
if [ "$#" -eq 0 ]; then bash bench/run fuzz --seconds 60 --seed 1; fi
