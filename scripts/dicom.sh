#!/usr/bin/env bash
# ./mosmos dicom SUBCOMMAND ... — DICOM tools of cli/Mosmos.Cli (e.g. `dicom json FILE`).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ $# -eq 0 ]; then
  echo "usage: ./mosmos dicom json FILE" >&2
  exit 2
fi
run_dotnet cli/Mosmos.Cli/Mosmos.Cli.csproj dicom "$@"
