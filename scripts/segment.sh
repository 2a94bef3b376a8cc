#!/usr/bin/env bash
# ./mosmos segment DICOM_DIR --out DIR [--model FILE] — offline segmentation of a folder of Part 10 files into
# seg.dcm + sr.dcm with the worker's own pipeline (inference-worker `segment` mode); no Orthanc, no RabbitMQ.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ $# -lt 3 ]; then
  echo "usage: ./mosmos segment DICOM_DIR --out DIR [--model FILE]   (FILE needs FILE.sha256 beside it; default: the models/ registry)" >&2
  exit 2
fi
# Without --model the repository's model registry (models/) is used.
registry=()
case " $* " in
  *" --model "*) ;;
  *) [ -d "$MOSMOS_ROOT/models" ] || die "no --model FILE given and no model registry at $MOSMOS_ROOT/models"
     registry=("--ModelServer:RegistryPath=$MOSMOS_ROOT/models");;
esac
# The worker runs in this directory, so relative paths mean what the caller meant.
run_dotnet inference-worker/Mosmos.InferenceWorker/Mosmos.InferenceWorker.csproj segment "$@" "${registry[@]}"
