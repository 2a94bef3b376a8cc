#!/usr/bin/env bash
# ./mosmos demo [--count N] [--seed S] [--size MATRIXxSLICES] [--broker inmemory|rabbitmq] [--viewer] [--keep] [--timeout S]
# ./mosmos demo down
#
# The main job on one machine: a fresh Orthanc on loopback (own state and ports, beside `./mosmos services` and
# the tests), adapter + worker in one process (demo/Mosmos.Demo: in-memory bus or --broker rabbitmq, SQLite job
# table, the default model from models/), phantom studies with reports uploaded, each study's SEG + SR awaited,
# a per-organ Dice table and the links to open. Nothing stays running unless --keep (then `./mosmos demo down`).
# Environment (defaults in brackets): MOSMOS_DEMO_STATE [<repo>/.cache/demo]; MOSMOS_DEMO_ORTHANC_HTTP_PORT [18050],
# MOSMOS_DEMO_ORTHANC_DICOM_PORT [14250], MOSMOS_DEMO_HTTP_PORT [18051] (job API; the model server's gRPC on +1),
# MOSMOS_DEMO_RABBITMQ_PORT [25980] (+1 distribution, +3..+13 CLI), MOSMOS_DEMO_RABBITMQ_EPMD_PORT [24399];
# MOSMOS_DEMO_MODEL (an ONNX file with FILE.sha256 beside it) [newest models/mosmos-abdomen/*/model.onnx];
# MOSMOS_OHIF_DIST (OHIF's dist/ for --viewer) [MOSMOS_OHIF_DIST of <testdata>/catalog.env, from scripts/test-setup.sh];
# MOSMOS_DEMO_DLL (run this build of Mosmos.Demo instead of building one: the tests run their own).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,3p' "$0" | sed 's/^# /usage: /' >&2; exit 2; }
STATE=${MOSMOS_DEMO_STATE:-$MOSMOS_ROOT/.cache/demo}
SVC=$MOSMOS_ROOT/scripts/services

stop_all() {
  if [ -s "$STATE/viewer.pid" ]; then
    local p; p=$(cat "$STATE/viewer.pid")
    cmd_has "$p" "$MOSMOS_ROOT/demo/ohif.mjs" && kill -TERM "$p" 2> /dev/null || true
    rm -f "$STATE/viewer.pid"
  fi
  bash "$SVC/stop-rabbitmq.sh" --dir "$STATE/rabbitmq" > /dev/null 2>&1 || log "stopping the demo's RabbitMQ failed"
  bash "$SVC/stop-orthanc.sh" --dir "$STATE/orthanc" > /dev/null 2>&1 || log "stopping the demo's Orthanc failed"
}

if [ "${1:-}" = down ]; then
  [ $# -eq 1 ] || usage
  mkdir -p "$STATE"; stop_all; log "the demo's services in $STATE are stopped"; exit 0
fi

ARGS=() BROKER=inmemory KEEP=0 VIEWER=0
while [ $# -gt 0 ]; do
  case $1 in
    --count|--seed|--size|--timeout) [ $# -ge 2 ] || usage; ARGS+=("$1" "$2"); shift 2;;
    --broker) [ $# -ge 2 ] || usage; BROKER=$2; shift 2;;
    --keep) KEEP=1; ARGS+=(--keep); shift;;
    --viewer) VIEWER=1; shift;;
    -h|--help) usage;;
    *) log "unknown argument $1"; usage;;
  esac
done
case $BROKER in inmemory|rabbitmq) ;; *) die "--broker is inmemory or rabbitmq, not '$BROKER'";; esac

# ---- the model: the newest published default unless one is given ------------------------------------
MODEL=${MOSMOS_DEMO_MODEL:-$(ls -d "$MOSMOS_ROOT"/models/mosmos-abdomen/*/model.onnx 2> /dev/null | sort -V | tail -n 1)}
[ -n "$MODEL" ] && [ -f "$MODEL" ] ||
  die "no default model: expected models/mosmos-abdomen/VERSION/model.onnx (./mosmos train publish), or set MOSMOS_DEMO_MODEL=FILE"
[ -f "$MODEL.sha256" ] || die "$MODEL.sha256 is missing (the registry refuses a model without its digest)"

# ---- fresh state: whatever a previous --keep left is stopped, the job table and studies start empty -------
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
exec 9> "$STATE/.lock"
flock -n 9 || die "another ./mosmos demo runs with state $STATE"
stop_all
rm -rf "$STATE/studies" "$STATE/logs" "$STATE/jobs.db" "$STATE/jobs.db-shm" "$STATE/jobs.db-wal"
mkdir -p "$STATE/logs" "$STATE/secrets"; chmod 700 "$STATE/secrets"
secret() { [ -s "$STATE/secrets/$1" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$STATE/secrets/$1"); }
secret orthanc-password; secret rabbitmq-password; secret api-key

cleanup() { [ "$KEEP" = 1 ] || stop_all; }
trap cleanup EXIT
trap 'exit 130' INT TERM

ORTHANC_PORT=${MOSMOS_DEMO_ORTHANC_HTTP_PORT:-18050}
MOSMOS_ORTHANC_HTTP_PORT=$ORTHANC_PORT MOSMOS_ORTHANC_DICOM_PORT=${MOSMOS_DEMO_ORTHANC_DICOM_PORT:-14250} MOSMOS_ORTHANC_USER=mosmos \
  MOSMOS_ORTHANC_PASSWORD=$(cat "$STATE/secrets/orthanc-password") MOSMOS_ORTHANC_EXTRA_JSON= \
  bash "$SVC/start-orthanc.sh" --dir "$STATE/orthanc" --fresh 9>&- 2> "$STATE/logs/orthanc-start.log" ||
  { cat "$STATE/logs/orthanc-start.log" >&2; die "Orthanc did not start"; }
export MOSMOS__Orthanc__Url=http://127.0.0.1:$ORTHANC_PORT/ MOSMOS__Orthanc__User=mosmos
export MOSMOS__Orthanc__PasswordFile=$STATE/secrets/orthanc-password MOSMOS__Api__KeyFile=$STATE/secrets/api-key
export MOSMOS__JobStore__ConnectionString="Data Source=$STATE/jobs.db" MOSMOS__ModelServer__RegistryPath=$MODEL
HTTP_PORT=${MOSMOS_DEMO_HTTP_PORT:-18051}
export MOSMOS__Kestrel__Endpoints__Http__Url=http://127.0.0.1:$HTTP_PORT MOSMOS__Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$((HTTP_PORT + 1))
export MOSMOS__Telemetry__TraceFile=$STATE/logs/traces.jsonl MOSMOS__Bus__Transport=InMemory

if [ "$BROKER" = rabbitmq ]; then
  amqp=${MOSMOS_DEMO_RABBITMQ_PORT:-25980}
  MOSMOS_RABBITMQ_PORT=$amqp MOSMOS_RABBITMQ_DIST_PORT=$((amqp + 1)) MOSMOS_RABBITMQ_CLI_PORTS=$((amqp + 3))-$((amqp + 13)) \
    MOSMOS_RABBITMQ_EPMD_PORT=${MOSMOS_DEMO_RABBITMQ_EPMD_PORT:-24399} MOSMOS_RABBITMQ_NODE=mosmos_demo@localhost \
    MOSMOS_RABBITMQ_USER=mosmos MOSMOS_RABBITMQ_VHOST=mosmos MOSMOS_RABBITMQ_PASSWORD=$(cat "$STATE/secrets/rabbitmq-password") \
    bash "$SVC/start-rabbitmq.sh" --dir "$STATE/rabbitmq" --fresh 9>&- 2> "$STATE/logs/rabbitmq-start.log" ||
    { cat "$STATE/logs/rabbitmq-start.log" >&2; die "RabbitMQ did not start"; }
  export MOSMOS__Bus__Transport=RabbitMq MOSMOS__Bus__Host=127.0.0.1 MOSMOS__Bus__Port=$amqp MOSMOS__Bus__VirtualHost=mosmos
  export MOSMOS__Bus__User=mosmos MOSMOS__Bus__PasswordFile=$STATE/secrets/rabbitmq-password
fi

if [ "$VIEWER" = 1 ]; then
  dist=${MOSMOS_OHIF_DIST:-$(sed -n 's/^MOSMOS_OHIF_DIST=//p' "${MOSMOS_TESTDATA:-$MOSMOS_ROOT/.cache/testdata}/catalog.env" 2> /dev/null | head -n 1)}
  [ -f "$MOSMOS_ROOT/tests/node/ohif-server.mjs" ] && [ -n "$dist" ] && [ -f "$dist/index.html" ] ||
    die "--viewer needs the pinned OHIF build and its server (tests/node): run scripts/test-setup.sh (npm ci in tests/node), or set MOSMOS_OHIF_DIST"
  setsid node "$MOSMOS_ROOT/demo/ohif.mjs" "$dist" "http://127.0.0.1:$ORTHANC_PORT" mosmos "$STATE/secrets/orthanc-password" \
    > "$STATE/logs/viewer.url" 2> "$STATE/logs/viewer.log" 9>&- < /dev/null &
  echo $! > "$STATE/viewer.pid"
  for _ in $(seq 100); do [ -s "$STATE/logs/viewer.url" ] && break; sleep 0.1; done
  [ -s "$STATE/logs/viewer.url" ] || { cat "$STATE/logs/viewer.log" >&2; die "the OHIF viewer did not start"; }
  ARGS+=(--viewer-url "$(head -n 1 "$STATE/logs/viewer.url")")
fi

log "Orthanc http://127.0.0.1:$ORTHANC_PORT (user mosmos, password in $STATE/secrets/orthanc-password), broker $BROKER, model $MODEL"
log "logs: $STATE/logs/mosmos.log (adapter + worker, JSON lines), $STATE/orthanc/orthanc.log, traces $STATE/logs/traces.jsonl"
[ "$KEEP" = 0 ] || log "--keep: Orthanc (and RabbitMQ, the viewer) stay up after Ctrl-C with the studies; ./mosmos demo down stops them"
rc=0
if [ -n "${MOSMOS_DEMO_DLL:-}" ]; then
  dotnet "$MOSMOS_DEMO_DLL" --out "$STATE/studies" "${ARGS[@]}" 2> "$STATE/logs/mosmos.log" 9>&- || rc=$?
else
  run_dotnet demo/Mosmos.Demo/Mosmos.Demo.csproj --out "$STATE/studies" "${ARGS[@]}" 2> "$STATE/logs/mosmos.log" 9>&- || rc=$?
fi
if [ "$rc" != 0 ]; then
  log "the demo failed (exit $rc); last lines of $STATE/logs/mosmos.log:"
  tail -n 15 "$STATE/logs/mosmos.log" >&2
  exit "$rc"
fi
exit 0
