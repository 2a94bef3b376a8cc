#!/usr/bin/env bash
# ./mosmos bench pipeline [--model FILE] [--runs N] [--rounds N] [--seed S] [--no-docs]
# End to end on this machine (DESIGN §6): a 512×512×200 phantom CT stored in Orthanc, a SegmentSeries job on RabbitMQ,
# the worker as its own process (fetch, volume, resample, inference, post-processing, SEG, SR, store), after one
# warm-up job N timed jobs (default 3); stage times, time outside the model, the worker's peak RSS, and the gRPC
# overhead of the model's patch (direct ONNX Runtime vs in-process vs remote model server, --rounds, default 10).
# FILE defaults to the newest models/mosmos-abdomen/VERSION/model.onnx and needs FILE.sha256 beside it.
# Writes the "Inference pipeline" section of docs/benchmarks.md (not with --no-docs).
#
# Self-contained: starts its own fresh Orthanc + RabbitMQ (state ${MOSMOS_BENCH_STATE:-.cache/bench-pipeline}) on
# ports of its own — MOSMOS_BENCH_ORTHANC_HTTP_PORT [18062], MOSMOS_BENCH_ORTHANC_DICOM_PORT [14262],
# MOSMOS_BENCH_RABBITMQ_PORT [25880] (+1 distribution, +3..+13 CLI), MOSMOS_BENCH_RABBITMQ_EPMD_PORT [24389] — and
# stops them afterwards, whatever happened.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"

export MOSMOS_STATE=${MOSMOS_BENCH_STATE:-$MOSMOS_ROOT/.cache/bench-pipeline}
export MOSMOS_ORTHANC_HTTP_PORT=${MOSMOS_BENCH_ORTHANC_HTTP_PORT:-18062}
export MOSMOS_ORTHANC_DICOM_PORT=${MOSMOS_BENCH_ORTHANC_DICOM_PORT:-14262}
amqp=${MOSMOS_BENCH_RABBITMQ_PORT:-25880}
export MOSMOS_RABBITMQ_PORT=$amqp MOSMOS_RABBITMQ_DIST_PORT=$((amqp + 1)) MOSMOS_RABBITMQ_CLI_PORTS=$((amqp + 3))-$((amqp + 13))
export MOSMOS_RABBITMQ_EPMD_PORT=${MOSMOS_BENCH_RABBITMQ_EPMD_PORT:-24389}

trap 'bash "$MOSMOS_ROOT/scripts/services.sh" down > /dev/null 2>&1 || log "bench pipeline: could not stop the services in $MOSMOS_STATE"' EXIT
bash scripts/services.sh up --fresh > /dev/null
set -a
# shellcheck disable=SC1091
. "$MOSMOS_STATE/connection.env"
set +a
# The benchmark starts the worker from its own build folder (the worker is a project reference).
run_dotnet tests/Mosmos.InferenceWorker.Benchmarks/Mosmos.InferenceWorker.Benchmarks.csproj pipeline "$@"
