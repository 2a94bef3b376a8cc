#!/usr/bin/env bash
# ./mosmos bench reliability [--studies N] [--size MATRIXxSLICES] [--outage S] [--timeout S] [--no-docs]
# Issue 8's reliability suite on the production shape: the adapter and TWO inference workers, each its own process
# (Release builds), on a fresh Orthanc + RabbitMQ of their own, with the newest models/mosmos-abdomen/VERSION/model.onnx.
# A burst of N phantom studies (default 50 of 64x112) with one poison study (undecodable pixel data) in the middle →
# all complete, throughput (studies/h) and latency percentiles (STOW-RS answered → job completed, from the job API);
# Orthanc stopped for S s (default 8) while jobs are in flight → every job still completes; then a study re-sent and a
# StableStudy dispatch repeated → still one SEG + one SR per series (QIDO-RS), one job per series; the poison study →
# Failed with its reason in the job API, the studies behind it completed. Writes the "Reliability" section of
# docs/benchmarks.md (tests/Mosmos.Benchmarks/Reliability); exits 1 when a check fails.
# State in ${MOSMOS_BENCH_STATE:-<repo>/.cache/bench/reliability} (services/, run/: studies, jobs.db, process logs);
# everything it starts is stopped on exit. Ports (environment, default): MOSMOS_BENCH_ORTHANC_HTTP_PORT [18250],
# MOSMOS_BENCH_ORTHANC_DICOM_PORT [14450], MOSMOS_BENCH_RABBITMQ_PORT [26280] (+1 distribution, +3..+13 CLI),
# MOSMOS_BENCH_RABBITMQ_EPMD_PORT [24580], MOSMOS_BENCH_ADAPTER_PORT [18260], MOSMOS_BENCH_WORKER_PORTS [18270,18280]
# (each worker's gRPC on the port after its HTTP port).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"

while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -E '^MOSMOS_(ORTHANC|RABBITMQ|POSTGRES)_' || true)
state=${MOSMOS_BENCH_STATE:-$MOSMOS_ROOT/.cache/bench/reliability}
mkdir -p "$state"
state=$(cd "$state" && pwd)
export MOSMOS_STATE=$state/services
export MOSMOS_ORTHANC_HTTP_PORT=${MOSMOS_BENCH_ORTHANC_HTTP_PORT:-18250}
export MOSMOS_ORTHANC_DICOM_PORT=${MOSMOS_BENCH_ORTHANC_DICOM_PORT:-14450}
amqp=${MOSMOS_BENCH_RABBITMQ_PORT:-26280}
export MOSMOS_RABBITMQ_PORT=$amqp MOSMOS_RABBITMQ_DIST_PORT=$((amqp + 1)) MOSMOS_RABBITMQ_CLI_PORTS=$((amqp + 3))-$((amqp + 13))
export MOSMOS_RABBITMQ_EPMD_PORT=${MOSMOS_BENCH_RABBITMQ_EPMD_PORT:-24580}
export MOSMOS_RABBITMQ_NODE=mosmos_reliability@localhost

model=$(find "$MOSMOS_ROOT/models/mosmos-abdomen" -mindepth 2 -maxdepth 2 -name model.onnx -not -path "*.tmp/*" 2> /dev/null | sort -V | tail -n 1)
[ -n "$model" ] || die "no default model: expected models/mosmos-abdomen/VERSION/model.onnx (./mosmos train publish)"

# adapter and worker run as processes of their own: build them where run_dotnet would
for p in adapter/Mosmos.Adapter.csproj inference-worker/Mosmos.InferenceWorker/Mosmos.InferenceWorker.csproj; do
  t0=$(date +%s%N)
  out=$(dotnet build "$p" -c Release --artifacts-path "$MOSMOS_ROOT/artifacts" -nologo -v q -clp:NoSummary 2>&1) ||
    { echo "$out" >&2; die "build of $p failed"; }
  log "built $(basename "$p" .csproj) in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
done
bin=$MOSMOS_ROOT/artifacts/bin

stop_services() { bash "$MOSMOS_ROOT/scripts/services.sh" down > /dev/null 2>&1 || log "stopping the benchmark services in $MOSMOS_STATE failed"; }
trap stop_services EXIT
trap 'exit 130' INT TERM
bash scripts/services.sh up --fresh > /dev/null
set -a
# shellcheck disable=SC1091
. "$MOSMOS_STATE/connection.env"
set +a
run_dotnet tests/Mosmos.Benchmarks/Mosmos.Benchmarks.csproj reliability \
  --adapter-dll "$bin/Mosmos.Adapter/release/Mosmos.Adapter.dll" \
  --worker-dll "$bin/Mosmos.InferenceWorker/release/Mosmos.InferenceWorker.dll" --model "$model" \
  --adapter-port "${MOSMOS_BENCH_ADAPTER_PORT:-18260}" --worker-ports "${MOSMOS_BENCH_WORKER_PORTS:-18270,18280}" "$@"
