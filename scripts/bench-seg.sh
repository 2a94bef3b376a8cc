#!/usr/bin/env bash
# ./mosmos bench seg [--runs R] [--no-peers] [--no-docs] — a 15-organ label map of 512×512×300 encoded into a BINARY
# DICOM SEG and decoded again by Mosmos.Dicom (dicom/Seg) beside dcmjs (tests/node, pinned) in the same run, on the
# same label map and CT series (a phantom study, generated once into .cache/bench/); writes the "SEG encode and decode"
# section of docs/benchmarks.md.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"
case " $* " in
  *" --no-peers "*) ;;
  *) [ -d tests/node/node_modules/dcmjs ] || npm ci --prefix tests/node --no-audit --no-fund > /dev/null ;;
esac
run_dotnet tests/Mosmos.Benchmarks/Mosmos.Benchmarks.csproj seg "$@"
