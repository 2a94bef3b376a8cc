#!/usr/bin/env bash
# ./mosmos bench dicom [ARGS...] — the DICOM parsing benchmark of cli/Mosmos.Cli.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_dotnet cli/Mosmos.Cli/Mosmos.Cli.csproj bench dicom "$@"
