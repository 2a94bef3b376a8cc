#!/usr/bin/env bash
# ./mosmos phantom --out DIR [--count N] [--seed S] [--size small|full|bench|MATRIXxSLICES] [--preview] [--upload [DICOMWEB_URL]]
# Synthetic abdominal CT studies with reports, ground truth and tags (phantom/, through cli/Mosmos.Cli).
# --upload without a URL stores CT + report into the Orthanc of `./mosmos services up` (its connection.env);
# credentials for any other server come from MOSMOS__DICOMWEB__USERNAME / MOSMOS__DICOMWEB__PASSWORD.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

args=()
while [ $# -gt 0 ]; do
  if [ "$1" = --upload ] && { [ $# -eq 1 ] || [ "${2#-}" != "$2" ]; }; then
    env_file=${MOSMOS_STATE:-$MOSMOS_ROOT/.cache/services}/connection.env
    [ -f "$env_file" ] || die "--upload without a URL needs the local services: run ./mosmos services up (or give --upload DICOMWEB_URL)"
    # shellcheck disable=SC1090
    . "$env_file"
    export MOSMOS__DICOMWEB__USERNAME=${MOSMOS__DICOMWEB__USERNAME:-$MOSMOS_ORTHANC_USER}
    export MOSMOS__DICOMWEB__PASSWORD=${MOSMOS__DICOMWEB__PASSWORD:-$MOSMOS_ORTHANC_PASSWORD}
    args+=(--upload "$MOSMOS_ORTHANC_DICOMWEB_URL")
    shift
    continue
  fi
  args+=("$1")
  shift
done
run_dotnet cli/Mosmos.Cli/Mosmos.Cli.csproj phantom "${args[@]}"
