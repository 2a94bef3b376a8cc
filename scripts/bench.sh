#!/usr/bin/env bash
# ./mosmos bench KIND [ARGS...] — runs scripts/bench-KIND.sh; a new benchmark is a new file.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
kinds() { local f; for f in "$MOSMOS_ROOT"/scripts/bench-*.sh; do f=${f##*/bench-}; echo "${f%.sh}"; done; }
kind=${1:-}
if [ -z "$kind" ] || [ ! -f "$MOSMOS_ROOT/scripts/bench-$kind.sh" ]; then
  [ -n "$kind" ] && echo "mosmos: unknown benchmark '$kind'" >&2
  echo "usage: ./mosmos bench $(kinds | paste -sd'|') [ARGS...]" >&2
  exit 2
fi
shift
exec bash "$MOSMOS_ROOT/scripts/bench-$kind.sh" "$@"
