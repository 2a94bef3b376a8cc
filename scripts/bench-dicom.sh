#!/usr/bin/env bash
# ./mosmos bench dicom [--files N] [--runs R] [--no-peers] [--no-docs] — Part 10 header and pixel reading of
# tests/Mosmos.Benchmarks beside pydicom (Debian python3-pydicom) and dcmjs (tests/node, pinned) on the same
# generated CT files (cached in .cache/bench/); prints a Markdown table and writes it to docs/benchmarks.md.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"
case " $* " in
  *" --no-peers "*) ;;
  *)
    /usr/bin/python3 -c 'import pydicom' 2> /dev/null || apt_install python3-pydicom
    [ -d tests/node/node_modules/dcmjs ] || npm ci --prefix tests/node --no-audit --no-fund > /dev/null
    ;;
esac
run_dotnet tests/Mosmos.Benchmarks/Mosmos.Benchmarks.csproj dicom "$@"
