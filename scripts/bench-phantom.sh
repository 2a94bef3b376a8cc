#!/usr/bin/env bash
# ./mosmos bench phantom [--runs R] [--no-docs] — phantom generation time for the 128×128×64 and 512×512×200 grids
# (tests/Mosmos.Benchmarks); writes the "Phantom generation" section of docs/benchmarks.md.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"
run_dotnet tests/Mosmos.Benchmarks/Mosmos.Benchmarks.csproj phantom "$@"
