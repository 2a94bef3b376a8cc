#!/usr/bin/env bash
# start-orthanc.sh — Orthanc 1.10 (+ DICOMweb, + GDCM) as a plain background process on loopback,
# configured from orthanc-config/ plus a per-instance layer. Normally run by `./mosmos services up`.
#
# Usage: start-orthanc.sh --dir DIR [--fresh] [--timeout S]
#   --dir DIR     state folder: config, storage, index, log, pid, connection.env
#   --fresh       wipe storage and index first (the caller stops a running instance before)
#   --timeout S   readiness timeout in seconds [$MOSMOS_ORTHANC_START_TIMEOUT or 60]
# Environment (defaults in brackets):
#   MOSMOS_ORTHANC_PASSWORD (required)  MOSMOS_ORTHANC_USER [mosmos]
#   MOSMOS_ORTHANC_HTTP_PORT [18042]    MOSMOS_ORTHANC_DICOM_PORT [14242]   MOSMOS_ORTHANC_AET [MOSMOS]
#   MOSMOS_ORTHANC_STABLE_AGE [2]       MOSMOS_ORTHANC_EXTRA_JSON (a file layered in as zz-extra.json)
#
# Idempotent: if the Orthanc recorded in DIR/orthanc.pid is ours and answers, exits 0. Writes
# DIR/connection.env (mode 600, MOSMOS_ORTHANC_* lines). Stop with stop-orthanc.sh --dir DIR.
# Orthanc 1.10 has no bind-address option: both ports listen on 0.0.0.0; RemoteAccessAllowed=false
# makes HTTP refuse non-loopback clients, the DICOM port accepts C-ECHO/C-STORE from anyone.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
log() { echo "start-orthanc: $*" >&2; }

DIR=
FRESH=0
TIMEOUT=${MOSMOS_ORTHANC_START_TIMEOUT:-60}
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2;;
    --fresh) FRESH=1; shift;;
    --timeout) TIMEOUT=$2; shift 2;;
    -h|--help) sed -n '2,17p' "$0"; exit 0;;
    *) log "unknown option $1"; exit 2;;
  esac
done
[ -n "$DIR" ] || { log "--dir is required"; exit 2; }
HTTP_PORT=${MOSMOS_ORTHANC_HTTP_PORT:-18042}
DICOM_PORT=${MOSMOS_ORTHANC_DICOM_PORT:-14242}
AET=${MOSMOS_ORTHANC_AET:-MOSMOS}
USER_NAME=${MOSMOS_ORTHANC_USER:-mosmos}
PASSWORD=${MOSMOS_ORTHANC_PASSWORD:?MOSMOS_ORTHANC_PASSWORD must be set}
STABLE_AGE=${MOSMOS_ORTHANC_STABLE_AGE:-2}
EXTRA_JSON=${MOSMOS_ORTHANC_EXTRA_JSON:-}
PLUGIN_DIR=/usr/share/orthanc/plugins

apt_install orthanc orthanc-dicomweb orthanc-gdcm curl

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
PIDFILE=$DIR/orthanc.pid
CONF_DIR=$DIR/config
LOG=$DIR/orthanc.log
BASE=http://127.0.0.1:$HTTP_PORT
# curl reads the credentials from a file descriptor, so the password never shows in /proc/*/cmdline
answers() { curl -fsS -m 2 -K <(printf 'user = "%s:%s"\n' "$USER_NAME" "$PASSWORD") "$BASE/system" 2>/dev/null; }

write_env() {
  (umask 077; cat > "$DIR/connection.env" <<EOF
MOSMOS_ORTHANC_URL=$BASE
MOSMOS_ORTHANC_DICOMWEB_URL=$BASE/dicom-web
MOSMOS_ORTHANC_USER=$USER_NAME
MOSMOS_ORTHANC_PASSWORD=$PASSWORD
MOSMOS_ORTHANC_DICOM_HOST=127.0.0.1
MOSMOS_ORTHANC_DICOM_PORT=$DICOM_PORT
MOSMOS_ORTHANC_AET=$AET
EOF
  )
}

# ---- already running? ---------------------------------------------------------------------------
if [ -s "$PIDFILE" ]; then
  OLD=$(cat "$PIDFILE")
  if cmd_has "$OLD" "$CONF_DIR"; then
    if answers > /dev/null; then log "already running (pid $OLD)"; write_env; exit 0; fi
    log "pid $OLD runs but does not answer on $BASE with the current credentials: run ./mosmos services down first"
    exit 1
  fi
  rm -f "$PIDFILE"   # stale
fi
for p in "$HTTP_PORT" "$DICOM_PORT"; do
  port_busy "$p" && { log "port $p is already in use by another process"; exit 1; }
done

# ---- configuration: the project's overrides + this instance's layer ----------------------------
[ "$FRESH" = 1 ] && rm -rf "$DIR/storage" "$DIR/index"
mkdir -p "$DIR/storage" "$DIR/index" "$CONF_DIR"
chmod 700 "$CONF_DIR"
rm -f "$CONF_DIR"/*.json
cp "$MOSMOS_ROOT"/orthanc-config/*.json "$CONF_DIR/"
json_str() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"; }
(umask 077; cat > "$CONF_DIR/zz-instance.json" <<EOF
{
  "Name" : "MOSMOS-$HTTP_PORT",
  "HttpPort" : $HTTP_PORT,
  "DicomPort" : $DICOM_PORT,
  "DicomAet" : $(json_str "$AET"),
  "StorageDirectory" : $(json_str "$DIR/storage"),
  "IndexDirectory" : $(json_str "$DIR/index"),
  "RegisteredUsers" : { $(json_str "$USER_NAME") : $(json_str "$PASSWORD") },
  "StableAge" : $STABLE_AGE,
  "Plugins" : [ "$PLUGIN_DIR/libOrthancDicomWeb.so", "$PLUGIN_DIR/libOrthancGdcm.so" ]
}
EOF
)
[ -n "$EXTRA_JSON" ] && cp "$EXTRA_JSON" "$CONF_DIR/zz-extra.json"

# ---- start: setsid detaches Orthanc from our process group (a Ctrl-C of the caller leaves it) ----
T0=$(date +%s%N)
# JPEG 2000 transcoding crashes Orthanc on Debian 12 without this (100 KiB HTTP thread stacks): see the C file.
SHIM=$DIR/orthanc-thread-stack.so SHIM_SRC=$MOSMOS_ROOT/scripts/services/orthanc-thread-stack.c
if [ ! -f "$SHIM" ] || [ "$SHIM_SRC" -nt "$SHIM" ]; then
  apt_install gcc libc6-dev
  gcc -shared -fPIC -O2 -o "$SHIM" "$SHIM_SRC" -ldl || { log "cannot build $SHIM"; exit 1; }
fi
setsid env LD_PRELOAD="$SHIM" Orthanc --logfile="$LOG" "$CONF_DIR" > "$DIR/orthanc.stdout" 2>&1 < /dev/null &
PID=$!   # Orthanc does not fork: $! is Orthanc itself
echo "$PID" > "$PIDFILE"

deadline=$(( $(date +%s) + TIMEOUT ))
until answers > /dev/null; do
  if ! alive "$PID"; then
    log "Orthanc exited during start-up; last log lines:"
    tail -n 20 "$LOG" "$DIR/orthanc.stdout" >&2 || true
    rm -f "$PIDFILE"; exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "not ready after ${TIMEOUT}s; stopping pid $PID"
    kill -TERM "$PID" 2> /dev/null || true
    tail -n 20 "$LOG" >&2 || true
    rm -f "$PIDFILE"; exit 1
  fi
  sleep 0.1
done
cmd_has "$PID" "$CONF_DIR" || { log "pid $PID is not the Orthanc we started"; exit 1; }
write_env
log "ready in $(( ($(date +%s%N) - T0) / 1000000 )) ms (pid $PID, http $HTTP_PORT, dicom $DICOM_PORT)"
