#!/usr/bin/env bash
# ./mosmos worker [--config FILE] [--broker inmemory|rabbitmq] [--model-server] [ARGS]
# The inference worker in the foreground (inference-worker/Mosmos.InferenceWorker): takes SegmentSeries jobs,
# serves its models over the Open Inference Protocol; --model-server serves models only.
# Configuration: inference-worker/Mosmos.InferenceWorker/appsettings.json, then MOSMOS__* environment variables,
# then --config FILE. What is not configured comes from here:
#   - the model registry: the repository's models/ (NAME/VERSION/model.onnx, as `./mosmos train publish` writes);
#     the worker runs from its build folder, so a relative path would not mean the repository's folder;
#   - when `./mosmos services up` is running: its Orthanc as the DICOMweb source `orthanc` (URL and credentials)
#     and, with --broker rabbitmq, its RabbitMQ (the broker `./mosmos adapter --broker rabbitmq` publishes to).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

args=()
broker=
while [ $# -gt 0 ]; do
  case $1 in
    --broker) broker=${2:?--broker needs inmemory or rabbitmq}; shift 2;;
    *) args+=("$1"); shift;;
  esac
done
case $broker in
  ''|inmemory|rabbitmq) ;;
  *) die "--broker must be inmemory or rabbitmq, not '$broker'";;
esac

export MOSMOS__ModelServer__RegistryPath=${MOSMOS__ModelServer__RegistryPath:-$MOSMOS_ROOT/models}
[ "$broker" = inmemory ] && export MOSMOS__Bus__Transport=InMemory

state=${MOSMOS_STATE:-$MOSMOS_ROOT/.cache/services}
if [ -f "$state/connection.env" ]; then
  # shellcheck disable=SC1091
  . "$state/connection.env"
  if [ -z "${MOSMOS__Jobs__Sources__orthanc__BaseUrl:-}" ] && [ -n "${MOSMOS_ORTHANC_DICOMWEB_URL:-}" ]; then
    export MOSMOS__Jobs__Sources__orthanc__BaseUrl=$MOSMOS_ORTHANC_DICOMWEB_URL
    export MOSMOS__Jobs__Sources__orthanc__Username=$MOSMOS_ORTHANC_USER
    export MOSMOS__Jobs__Sources__orthanc__Password=$MOSMOS_ORTHANC_PASSWORD
  fi
  if [ "$broker" = rabbitmq ] && [ -z "${MOSMOS__Bus__Host:-}" ] && [ -n "${MOSMOS_RABBITMQ_HOST:-}" ]; then
    export MOSMOS__Bus__Transport=RabbitMq MOSMOS__Bus__Host=$MOSMOS_RABBITMQ_HOST MOSMOS__Bus__Port=$MOSMOS_RABBITMQ_PORT
    export MOSMOS__Bus__VirtualHost=$MOSMOS_RABBITMQ_VHOST MOSMOS__Bus__User=$MOSMOS_RABBITMQ_USER
    export MOSMOS__Bus__Password=$MOSMOS_RABBITMQ_PASSWORD
  fi
fi
[ "$broker" = rabbitmq ] && [ -z "${MOSMOS__Bus__Host:-}" ] && [ -z "${MOSMOS__Bus__Transport:-}" ] &&
  log "--broker rabbitmq without ./mosmos services up: the Bus section must come from --config FILE"
[ "$broker" = rabbitmq ] && export MOSMOS__Bus__Transport=RabbitMq
run_dotnet inference-worker/Mosmos.InferenceWorker/Mosmos.InferenceWorker.csproj "${args[@]}"
