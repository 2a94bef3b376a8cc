#!/usr/bin/env bash
# ./mosmos bench adapter [--studies N] [--rate R] [--seconds S] [--no-docs] — the adapter's dispatch: N small studies
# (default 1000) stored in a burst into a real Orthanc, time until every job is on a real RabbitMQ, the adapter
# process's CPU and peak memory, no loss (jobs received = jobs in the table = studies); then R studies/s for S s
# (default 5/s for 60 s) with the cursor lag scraped from /metrics. Writes the "Adapter dispatch" section of
# docs/benchmarks.md (tests/Mosmos.Benchmarks/Adapter).
# Its own fresh Orthanc + RabbitMQ in ${MOSMOS_BENCH_STATE:-<repo>/.cache/bench/adapter-services}, stopped on exit;
# ports MOSMOS_BENCH_ORTHANC_HTTP_PORT [18066], MOSMOS_BENCH_ORTHANC_DICOM_PORT [14266],
# MOSMOS_BENCH_RABBITMQ_PORT [26080] (+1 distribution, +3..+13 CLI), MOSMOS_BENCH_RABBITMQ_EPMD_PORT [24399].
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOSMOS_ROOT"

while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -E '^MOSMOS_(ORTHANC|RABBITMQ|POSTGRES)_' || true)
export MOSMOS_STATE=${MOSMOS_BENCH_STATE:-$MOSMOS_ROOT/.cache/bench/adapter-services}
export MOSMOS_ORTHANC_HTTP_PORT=${MOSMOS_BENCH_ORTHANC_HTTP_PORT:-18066}
export MOSMOS_ORTHANC_DICOM_PORT=${MOSMOS_BENCH_ORTHANC_DICOM_PORT:-14266}
amqp=${MOSMOS_BENCH_RABBITMQ_PORT:-26080}
export MOSMOS_RABBITMQ_PORT=$amqp MOSMOS_RABBITMQ_DIST_PORT=$((amqp + 1)) MOSMOS_RABBITMQ_CLI_PORTS=$((amqp + 3))-$((amqp + 13))
export MOSMOS_RABBITMQ_EPMD_PORT=${MOSMOS_BENCH_RABBITMQ_EPMD_PORT:-24399}
export MOSMOS_RABBITMQ_NODE=mosmos_bench@localhost

# the adapter runs as a process of its own: build it where run_dotnet would
t0=$(date +%s%N)
dotnet build adapter/Mosmos.Adapter.csproj -c Release --artifacts-path "$MOSMOS_ROOT/artifacts" -nologo -v q -clp:NoSummary > /dev/null ||
  die "build of Mosmos.Adapter failed"
log "built Mosmos.Adapter in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
dll=$MOSMOS_ROOT/artifacts/bin/Mosmos.Adapter/release/Mosmos.Adapter.dll

stop_services() { bash "$MOSMOS_ROOT/scripts/services.sh" down > /dev/null || log "stopping the benchmark services failed"; }
trap stop_services EXIT
trap 'exit 130' INT TERM
bash scripts/services.sh up --fresh > /dev/null
set -a
# shellcheck disable=SC1091
. "$MOSMOS_STATE/connection.env"
set +a
run_dotnet tests/Mosmos.Benchmarks/Mosmos.Benchmarks.csproj adapter --adapter-dll "$dll" "$@"
